package dev.sagitta.persistence.internal;

import dev.sagitta.engine.spi.IsoInstants;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.jooq.Field;

/**
 * One SQL statement, rendered once, run as a JDBC batch or as one part of a
 * {@link PipelinedStatements}: one row of values per execution, bound by position in the order of
 * its columns. Immutable and thread-safe.
 */
final class BatchStatement {

    private final String sql;
    private final List<Field<?>> boundColumns;
    private final int[] sqlTypes;

    BatchStatement(String sql, List<Field<?>> boundColumns) {
        this.sql = sql;
        this.boundColumns = List.copyOf(boundColumns);
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
                bind(statement, 1, values.apply(row));
                statement.addBatch();
            }
            return statement.executeBatch();
        }
    }

    /** The columns bound to the SQL's placeholders, in order. */
    List<Field<?>> boundColumns() {
        return boundColumns;
    }

    /** The SQL, with one {@code ?} per bound column. */
    String sql() {
        return sql;
    }

    /**
     * Binds one row's values to the statement's placeholders from {@code firstIndex} on, and returns
     * the index after the last one.
     */
    int bind(PreparedStatement statement, int firstIndex, Object[] values) throws SQLException {
        if (values.length != sqlTypes.length) {
            // In a multi-statement statement a short row would shift every later value into the wrong column.
            throw new IllegalArgumentException("a row of " + values.length + " values for a statement of "
                    + sqlTypes.length + " placeholders: " + sql);
        }
        for (int i = 0; i < values.length; i++) {
            bind(statement, firstIndex + i, values[i], sqlTypes[i]);
        }
        return firstIndex + values.length;
    }

    private static void bind(PreparedStatement statement, int index, Object value, int sqlType) throws SQLException {
        if (value == null) {
            statement.setNull(index, sqlType);
        } else if (value instanceof Instant instant) {
            // Matches the statement's CAST(? AS TIMESTAMP WITH TIME ZONE): see TransitionWriter#placeholder.
            statement.setString(index, IsoInstants.format(instant));
        } else {
            statement.setObject(index, value);
        }
    }

    @Override
    public String toString() {
        return sql;
    }
}
