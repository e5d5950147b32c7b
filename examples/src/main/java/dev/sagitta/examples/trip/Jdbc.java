package dev.sagitta.examples.trip;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Runs a piece of JDBC work in one transaction, retrying once when a concurrent insert collides. */
final class Jdbc {

    private static final String UNIQUE_VIOLATION = "23505";

    private Jdbc() {
    }

    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    static <T> T inTransaction(DataSource dataSource, Work<T> work) throws SQLException {
        try {
            return once(dataSource, work);
        } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
            // A duplicate of this very command committed first: run again and see its result.
            return once(dataSource, work);
        }
    }

    private static <T> T once(DataSource dataSource, Work<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }
}
