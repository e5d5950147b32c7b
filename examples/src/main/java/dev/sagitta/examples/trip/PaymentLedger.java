package dev.sagitta.examples.trip;

import dev.sagitta.dsl.StepFailedException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The trip application's {@link Payments}, run as a local step: one row per saga in {@code
 * trip_payment}. Charging twice or refunding twice changes nothing the second time, so a local step
 * run again after a lease expired is harmless. Thread-safe.
 */
public final class PaymentLedger implements Payments {

    private final DataSource dataSource;
    private final ParticipantBehaviour behaviour;

    /** @param behaviour whose cards are declined (a business failure, to show compensation) */
    public PaymentLedger(DataSource dataSource, ParticipantBehaviour behaviour) {
        this.dataSource = dataSource;
        this.behaviour = behaviour;
    }

    @Override
    public void charge(String sagaId, long amount) throws SQLException {
        if (behaviour.refuses(sagaId)) {
            throw new StepFailedException("card declined");
        }
        Jdbc.inTransaction(dataSource, connection -> {
            if (status(connection, sagaId) == null) {
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO trip_payment (saga_id, amount, status, refunds) VALUES (?, ?, 'CHARGED', 0)")) {
                    insert.setString(1, sagaId);
                    insert.setLong(2, amount);
                    insert.executeUpdate();
                }
            }
            return null;
        });
    }

    @Override
    public void refund(String sagaId) throws SQLException {
        Jdbc.inTransaction(dataSource, connection -> {
            if ("CHARGED".equals(status(connection, sagaId))) {
                try (PreparedStatement update = connection.prepareStatement(
                        "UPDATE trip_payment SET status = 'REFUNDED', refunds = refunds + 1 WHERE saga_id = ?")) {
                    update.setString(1, sagaId);
                    update.executeUpdate();
                }
            }
            return null;
        });
    }

    private static @Nullable String status(Connection connection, String sagaId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT status FROM trip_payment WHERE saga_id = ? FOR UPDATE")) {
            select.setString(1, sagaId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
