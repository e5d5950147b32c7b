package dev.sagitta.persistence.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;

/** Empties Sagitta's tables between tests that share one database. */
public final class SagaTables {

    /** Every table of the V1 schema. */
    public static final List<String> ALL = List.of("saga_instance", "saga_step", "saga_outbox", "saga_inbox",
            "saga_dead_letter", "participant_inbox");

    private SagaTables() {
    }

    /** Deletes every row of Sagitta's tables in one transaction; the schema stays. */
    public static void deleteAllRows(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            for (String table : ALL) {
                statement.addBatch("delete from " + table);
            }
            statement.executeBatch();
            connection.commit();
            connection.setAutoCommit(autoCommit);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot empty Sagitta's tables: " + e.getMessage(), e);
        }
    }
}
