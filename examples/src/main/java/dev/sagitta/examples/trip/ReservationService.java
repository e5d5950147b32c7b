package dev.sagitta.examples.trip;

import dev.sagitta.camel.CommandHandler;
import dev.sagitta.camel.ParticipantReply;
import dev.sagitta.engine.spi.CommandMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A hotel, flight or car service. It keeps one row per saga in {@code trip_reservation}, and
 * decides from that row, in one transaction, so a duplicated command changes nothing: a second
 * reserve answers the first booking, a second release does nothing. A release that arrives before
 * any reservation leaves a tombstone, and a reservation arriving after it is refused.
 *
 * <p>Thread-safe.
 */
public final class ReservationService implements CommandHandler {

    private final String service;
    private final DataSource dataSource;
    private final ParticipantBehaviour behaviour;

    public ReservationService(String service, DataSource dataSource, ParticipantBehaviour behaviour) {
        this.service = service;
        this.dataSource = dataSource;
        this.behaviour = behaviour;
    }

    @Override
    public ParticipantReply handle(CommandMessage command) throws Exception {
        Duration delay = behaviour.delayFor(command.sagaId());
        if (!delay.isZero()) {
            // The example's way of playing a slow service; real participants just are slow.
            Thread.sleep(delay.toMillis());
        }
        if (command.compensation()) {
            Jdbc.inTransaction(dataSource, connection -> release(connection, command.sagaId()));
            return ParticipantReply.success(command.messageType() + "d", null);
        }
        String booking = Jdbc.inTransaction(dataSource, connection -> reserve(connection, command.sagaId()));
        if (booking == null) {
            return ParticipantReply.failure(command.messageType() + ".refused", service + " has no availability");
        }
        return ParticipantReply.success(command.messageType() + "d", "{\"booking\":\"" + booking + "\"}");
    }

    /** Returns the booking, or null when refused. */
    private @Nullable String reserve(Connection connection, String sagaId) throws SQLException {
        Row row = find(connection, sagaId);
        if (row != null) {
            return "RESERVED".equals(row.status()) ? row.booking() : null;
        }
        if (behaviour.refuses(sagaId)) {
            insert(connection, sagaId, null, "REFUSED");
            return null;
        }
        String booking = service + ":" + sagaId;
        insert(connection, sagaId, booking, "RESERVED");
        return booking;
    }

    private Void release(Connection connection, String sagaId) throws SQLException {
        Row row = find(connection, sagaId);
        if (row == null) {
            insert(connection, sagaId, null, "RELEASED_FIRST");
        } else if ("RESERVED".equals(row.status())) {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE trip_reservation SET status = 'RELEASED', releases = releases + 1"
                            + " WHERE service = ? AND saga_id = ?")) {
                update.setString(1, service);
                update.setString(2, sagaId);
                update.executeUpdate();
            }
        }
        return null;
    }

    private @Nullable Row find(Connection connection, String sagaId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT status, booking FROM trip_reservation WHERE service = ? AND saga_id = ? FOR UPDATE")) {
            select.setString(1, service);
            select.setString(2, sagaId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? new Row(rs.getString(1), rs.getString(2)) : null;
            }
        }
    }

    private void insert(Connection connection, String sagaId, @Nullable String booking, String status)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO trip_reservation (service, saga_id, booking, status, releases) VALUES (?, ?, ?, ?, 0)")) {
            insert.setString(1, service);
            insert.setString(2, sagaId);
            insert.setString(3, booking);
            insert.setString(4, status);
            insert.executeUpdate();
        }
    }

    private record Row(String status, @Nullable String booking) {
    }
}
