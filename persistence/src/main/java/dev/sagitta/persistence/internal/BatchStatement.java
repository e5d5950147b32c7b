package dev.sagitta.persistence.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.jooq.Field;

/**
 * One SQL statement, rendered once, run as a JDBC batch: one row of values per execution, bound by
 * position in the order of its columns. Immutable and thread-safe.
 */
final class BatchStatement {

    private final String sql;
    private final int[] sqlTypes;

    BatchStatement(String sql, List<Field<?>> boundColumns) {
        this.sql = sql;
        this.sqlTypes = boundColumns.stream()
                .mapToInt(column -> column.getType() == Instant.class ? Types.VARCHAR : column.getDataType().getSQLType())
                .toArray();
    }

    /** Runs the statement once per row and returns the update counts; does nothing for no rows. */
    <T> int[] execute(Connection connection, List<T> rows, Function<T, Object[]> values) throws SQLException {
        if (rows.isEmpty()) {
            return new int[0];
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (T row : rows) {
                Object[] bound = values.apply(row);
                for (int i = 0; i < bound.length; i++) {
                    bind(statement, i + 1, bound[i], sqlTypes[i]);
                }
                statement.addBatch();
            }
            return statement.executeBatch();
        }
    }

    private static void bind(PreparedStatement statement, int index, Object value, int sqlType) throws SQLException {
        if (value == null) {
            statement.setNull(index, sqlType);
        } else if (value instanceof Instant instant) {
            // Matches the statement's CAST(? AS TIMESTAMP WITH TIME ZONE): see TransitionWriter#placeholder.
            statement.setString(index, instant.toString());
        } else {
            statement.setObject(index, value);
        }
    }

    @Override
    public String toString() {
        return sql;
    }
}
