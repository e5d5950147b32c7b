package dev.sagitta.persistence.internal;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jspecify.annotations.Nullable;

/**
 * Turns a saga update into a statement that fails, inside the database, when it matched no row,
 * for a commit whose statements and commit travel together ({@link TransitionWriter#writeAndCommit}):
 * there is no moment between them to look at an update count and roll back. The guard casts a text
 * to an integer, which fails for the marker text {@value #MARKER} followed by the saga's id, and
 * PostgreSQL quotes the text it could not read in its error, in every language it reports in: so
 * the failure names the stale saga. PostgreSQL only.
 *
 * <p>Stateless and thread-safe.
 */
final class StaleRevisionGuard {

    static final String MARKER = "sagitta-stale-revision:";
    private static final String INVALID_TEXT_REPRESENTATION = "22P02";
    private static final Pattern STALE = Pattern.compile(Pattern.quote(MARKER) + "([^\"]*)\"");
    private static final Field<String> MARKER_PARAMETER = DSL.field(DSL.name("stale_marker"), SQLDataType.VARCHAR);

    private StaleRevisionGuard() {
    }

    /** {@code update}, which must match one row, guarded; bind its values with {@link #withMarker}. */
    static BatchStatement guard(BatchStatement update) {
        String sql = "WITH updated AS (" + update.sql() + " RETURNING 1) "
                + "SELECT CAST(CASE WHEN count(*) = 1 THEN '1' ELSE ? END AS INTEGER) FROM updated";
        List<Field<?>> bound = new ArrayList<>(update.boundColumns());
        bound.add(MARKER_PARAMETER);
        return new BatchStatement(sql, bound);
    }

    /** The update's values followed by the text the guard fails on. */
    static Object[] withMarker(Object[] updateValues, String sagaId) {
        Object[] values = new Object[updateValues.length + 1];
        System.arraycopy(updateValues, 0, values, 0, updateValues.length);
        values[updateValues.length] = MARKER + sagaId;
        return values;
    }

    /** The saga whose guard failed, if that is what {@code failure} is; null otherwise. */
    static @Nullable String staleSagaId(SQLException failure) {
        for (SQLException next = failure; next != null; next = next.getNextException()) {
            if (INVALID_TEXT_REPRESENTATION.equals(next.getSQLState()) && next.getMessage() != null) {
                Matcher matcher = STALE.matcher(next.getMessage());
                if (matcher.find()) {
                    return matcher.group(1);
                }
            }
        }
        return null;
    }
}
