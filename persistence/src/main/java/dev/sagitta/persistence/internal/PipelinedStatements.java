package dev.sagitta.persistence.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;

/**
 * Runs several statements, each once per row, as one multi-statement prepared statement: one round
 * trip to the database for all of them. PostgreSQL's driver splits such a statement at its
 * semicolons and sends every part before it waits for an answer.
 *
 * <p>Why: a transition of one saga writes up to six kinds of rows. Run as a JDBC batch per kind,
 * each kind waits for its own round trip, and at one saga per commit those round trips, each a
 * wake-up of the database process and of the committing thread, cost as much as the commit's own
 * work. Many rows per commit are still better served by one batch per kind, which the driver can
 * rewrite into multi-row inserts.
 *
 * <p>Stateless and thread-safe.
 */
final class PipelinedStatements {

    /** One statement to run once for each of {@code rows}, bound by {@code values}. */
    record Part<T>(BatchStatement statement, List<T> rows, Function<T, Object[]> values) {

        private int bindAll(PreparedStatement target, int firstIndex) throws SQLException {
            int index = firstIndex;
            for (T row : rows) {
                index = statement.bind(target, index, values.apply(row));
            }
            return index;
        }
    }

    private PipelinedStatements() {
    }

    /**
     * Runs every part in order, in one round trip; the driver reads the answers to every part before
     * it returns, and throws the first failure. Inside the caller's transaction if it has one; on a
     * connection in auto-commit mode, PostgreSQL runs all the parts as one implicit transaction,
     * committed after the last part or rolled back as a whole if one fails.
     */
    static void execute(Connection connection, List<Part<?>> parts) throws SQLException {
        StringBuilder sql = new StringBuilder();
        int statements = 0;
        for (Part<?> part : parts) {
            for (int i = 0; i < part.rows().size(); i++) {
                sql.append(statements++ == 0 ? "" : ";\n").append(part.statement().sql());
            }
        }
        if (statements == 0) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            int index = 1;
            for (Part<?> part : parts) {
                index = part.bindAll(statement, index);
            }
            statement.execute();
        }
    }
}
