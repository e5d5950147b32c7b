package dev.sagitta.camel;

import dev.sagitta.camel.internal.Arguments;
import dev.sagitta.engine.spi.ReplyOutcome;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A participant's record, in its own database, of the saga operations it has handled and what it
 * answered: what {@link IdempotentCommandHandler} reads and writes inside the transaction that
 * also holds the participant's work.
 *
 * <p>Its tables are {@code sagitta_participant_step} and {@code sagitta_participant_inbox}, created
 * by the migration {@code db/sagitta-participant/V1__sagitta_participant_inbox.sql} on the classpath:
 * add that location to the participant's Flyway, or call {@link #createTables()}. Rows are never
 * deleted by Sagitta.
 *
 * <p>Thread-safe: it keeps only the data source.
 */
public final class ParticipantInbox {

    static final String MIGRATION = "db/sagitta-participant/V1__sagitta_participant_inbox.sql";

    private final DataSource dataSource;

    public ParticipantInbox(DataSource dataSource) {
        this.dataSource = Arguments.requireNonNull(dataSource, "dataSource");
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Creates the tables if they are missing (for participants that do not run Flyway). */
    public ParticipantInbox createTables() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : migration().split(";")) {
                String withoutComments = sql.lines().filter(line -> !line.strip().startsWith("--"))
                        .reduce("", (a, b) -> a + "\n" + b).strip();
                if (!withoutComments.isEmpty()) {
                    statement.execute(withoutComments);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the participant inbox tables: " + e.getMessage(), e);
        }
        return this;
    }

    private static String migration() {
        try (InputStream in = ParticipantInbox.class.getClassLoader().getResourceAsStream(MIGRATION)) {
            if (in == null) {
                throw new IllegalStateException(MIGRATION + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An operation already handled, and its reply. */
    record Handled(ReplyOutcome outcome, String replyType, @Nullable String payload, @Nullable String reason) {

        ParticipantReply reply() {
            return outcome == ReplyOutcome.SUCCESS
                    ? ParticipantReply.success(replyType, payload)
                    : ParticipantReply.failure(replyType, reason == null ? "refused" : reason);
        }
    }

    /**
     * Makes sure the step's row exists, in a transaction of its own, so that {@link #lockStep} has
     * a row to lock: inserting it inside the main transaction would, on PostgreSQL, abort that
     * transaction when another handler inserted it first.
     */
    void ensureStep(String sagaId, String step) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            if (stepExists(connection, sagaId, step)) {
                return;
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO sagitta_participant_step (saga_id, step) VALUES (?, ?)")) {
                insert.setString(1, sagaId);
                insert.setString(2, step);
                insert.executeUpdate();
            } catch (SQLException raced) {
                if (!stepExists(connection, sagaId, step)) {
                    throw raced;
                }
            }
        }
    }

    private static boolean stepExists(Connection connection, String sagaId, String step) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT 1 FROM sagitta_participant_step WHERE saga_id = ? AND step = ?")) {
            select.setString(1, sagaId);
            select.setString(2, step);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        }
    }

    /** Locks the step's row until the transaction ends: its forward command and compensation take turns. */
    static void lockStep(Connection connection, String sagaId, String step) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(
                "SELECT saga_id FROM sagitta_participant_step WHERE saga_id = ? AND step = ? FOR UPDATE")) {
            lock.setString(1, sagaId);
            lock.setString(2, step);
            try (ResultSet rows = lock.executeQuery()) {
                if (!rows.next()) {
                    throw new IllegalStateException("no participant step row for " + sagaId + ":" + step);
                }
            }
        }
    }

    static Optional<Handled> find(Connection connection, String sagaId, String step, boolean compensation)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT outcome, reply_type, payload, reason"
                + " FROM sagitta_participant_inbox WHERE saga_id = ? AND step = ? AND compensation = ?")) {
            select.setString(1, sagaId);
            select.setString(2, step);
            select.setBoolean(3, compensation);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Handled(ReplyOutcome.valueOf(rows.getString(1)), rows.getString(2),
                        rows.getString(3), rows.getString(4)));
            }
        }
    }

    static void record(Connection connection, String sagaId, String step, boolean compensation, String messageId,
            ParticipantReply reply, Instant at) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO sagitta_participant_inbox"
                + " (saga_id, step, compensation, message_id, outcome, reply_type, payload, reason, handled_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, sagaId);
            insert.setString(2, step);
            insert.setBoolean(3, compensation);
            insert.setString(4, messageId);
            insert.setString(5, String.valueOf(reply.outcome()));
            insert.setString(6, String.valueOf(reply.replyType()));
            insert.setString(7, reply.payload());
            insert.setString(8, reply.failureReason());
            insert.setTimestamp(9, Timestamp.from(at));
            insert.executeUpdate();
        }
    }
}
