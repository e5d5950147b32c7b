package dev.sagitta.persistence.internal;

import static dev.sagitta.persistence.internal.jooq.Tables.SAGA_INBOX;
import static dev.sagitta.persistence.internal.jooq.Tables.SAGA_INSTANCE;
import static dev.sagitta.persistence.internal.jooq.Tables.SAGA_OUTBOX;
import static dev.sagitta.persistence.internal.jooq.Tables.SAGA_STEP;

import dev.sagitta.engine.spi.InboxEntry;
import dev.sagitta.engine.spi.OutboxEntry;
import dev.sagitta.engine.spi.SagaRecord;
import dev.sagitta.engine.spi.StoreConflictException;
import dev.sagitta.engine.spi.TransitionBatch;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Writes a {@link TransitionBatch}: a small batch, where the database allows, with its commit in one
 * round trip ({@link #writeAndCommit}, {@link PipelinedStatements}); otherwise inside a transaction
 * the caller owns, with one batched prepared statement per kind of row, however many sagas the batch
 * holds.
 *
 * <p>jOOQ renders each statement once, from the generated tables, when the writer is made; every
 * commit then binds and runs them through plain JDBC. This is the engine's hottest path, and
 * rendering and binding through jOOQ on every commit cost more CPU than the database's own work.
 *
 * <p>Immutable and thread-safe.
 */
final class TransitionWriter {

    /**
     * Up to this many rows in a commit go in one round trip, when the database allows: more are
     * written as one JDBC batch per kind of row, whose round trips are then shared by many rows. A
     * saga's transition writes four to six rows, so this covers commits of one to four sagas, where
     * round trips cost most; it also bounds how many statement shapes the driver caches.
     */
    static final int MAX_PIPELINED_ROWS = 24;
    /** The position of the saga updates among the parts {@link #write} runs. */
    private static final int UPDATE_PART = 1;

    private final BatchStatement insertSaga;
    private final BatchStatement updateSaga;
    private final BatchStatement guardedUpdateSaga;
    private final BatchStatement insertStep;
    private final BatchStatement insertOutbox;
    private final BatchStatement insertInbox;
    private final BatchStatement deleteOutbox;
    private final boolean pipelines;

    /**
     * @param pipelines whether the database's driver runs a multi-statement prepared statement in one
     *                  round trip ({@link PipelinedStatements}); if not, each kind of row is a JDBC batch
     */
    TransitionWriter(DSLContext renderer, boolean pipelines) {
        this.pipelines = pipelines;
        this.insertSaga = insertInto(renderer, SAGA_INSTANCE, Rows.INSTANCE_COLUMNS);
        this.updateSaga = updateFromPreviousRevision(renderer);
        this.guardedUpdateSaga = StaleRevisionGuard.guard(updateSaga);
        this.insertStep = insertInto(renderer, SAGA_STEP, Rows.STEP_COLUMNS);
        this.insertOutbox = insertInto(renderer, SAGA_OUTBOX, Rows.OUTBOX_COLUMNS);
        this.insertInbox = insertInto(renderer, SAGA_INBOX, Rows.INBOX_COLUMNS);
        this.deleteOutbox = new BatchStatement(
                renderer.render(DSL.deleteFrom(SAGA_OUTBOX)
                        .where(SAGA_OUTBOX.MESSAGE_ID.eq(DSL.param("message_id", String.class)))),
                List.of(SAGA_OUTBOX.MESSAGE_ID));
    }

    /**
     * Whether {@link #writeAndCommit} takes this batch: the database runs a multi-statement
     * prepared statement in one round trip and the batch is small. The caller then opens no
     * transaction of its own.
     */
    boolean commitsInOneStatement(TransitionBatch batch) {
        int rows = batch.inserts().size() + batch.updates().size() + batch.history().size() + batch.outbox().size()
                + batch.inbox().size() + batch.dispatchedOutbox().size();
        return pipelines && rows <= MAX_PIPELINED_ROWS;
    }

    /**
     * Writes and commits a small batch in one round trip, on a connection in auto-commit mode. The
     * database runs the statement's parts as one implicit transaction, committed when the last has
     * run, or rolled back as a whole if any fails. So the revision check has to fail inside the
     * database: each saga update is guarded by a query that raises an error, naming the saga, when
     * the update matched no row. The round trip that a separate {@code COMMIT} would cost is saved.
     *
     * @throws StoreConflictException if a saga is not at the revision before its update
     */
    void writeAndCommit(Connection connection, TransitionBatch batch) throws SQLException {
        try {
            PipelinedStatements.execute(connection, parts(batch, guardedUpdateSaga, TransitionWriter::guardedUpdateValues));
        } catch (SQLException failure) {
            String stale = StaleRevisionGuard.staleSagaId(failure);
            if (stale != null) {
                throw new StoreConflictException("saga " + stale + " is not at the revision this batch read (or does"
                        + " not exist); another transition got there first; nothing of the batch was written",
                        Set.of(stale));
            }
            throw failure;
        }
    }

    /**
     * Writes every part of the batch inside the caller's transaction. The caller rolls back if this throws.
     *
     * @throws StoreConflictException if a saga is not at the revision before its update
     */
    void write(Connection connection, TransitionBatch batch) throws SQLException {
        List<PipelinedStatements.Part<?>> parts = parts(batch, updateSaga, TransitionWriter::updateValues);
        List<SagaRecord> updates = sortedBy(batch.updates(), SagaRecord::sagaId);
        for (int p = 0; p < parts.size(); p++) {
            int[] counts = executeBatch(connection, parts.get(p));
            if (p == UPDATE_PART) {
                // Before the rest, so that a stale saga is named rather than failing on its history rows' keys.
                requireCurrentRevisions(updates, counts);
            }
        }
    }

    private List<PipelinedStatements.Part<?>> parts(TransitionBatch batch, BatchStatement update,
            Function<SagaRecord, Object[]> updateValues) {
        // Sagas are written in id order so that concurrent commits lock rows in the same order
        // and do not deadlock each other; inbox rows and deleted outbox rows also in a fixed order,
        // so two nodes recording or deleting the same rows cannot deadlock either.
        return List.of(
                new PipelinedStatements.Part<>(insertSaga, sortedBy(batch.inserts(), SagaRecord::sagaId),
                        Rows::instanceValues),
                new PipelinedStatements.Part<>(update, sortedBy(batch.updates(), SagaRecord::sagaId), updateValues),
                new PipelinedStatements.Part<>(insertStep, batch.history(), Rows::stepValues),
                new PipelinedStatements.Part<>(insertOutbox, sortedBy(batch.outbox(), OutboxEntry::seq),
                        Rows::outboxValues),
                new PipelinedStatements.Part<>(insertInbox, sortedBy(batch.inbox(), InboxEntry::messageId),
                        Rows::inboxValues),
                new PipelinedStatements.Part<>(deleteOutbox, sortedBy(batch.dispatchedOutbox(), id -> id),
                        id -> new Object[] {id}));
    }

    private static <T> int[] executeBatch(Connection connection, PipelinedStatements.Part<T> part) throws SQLException {
        return part.statement().execute(connection, part.rows(), part.values());
    }

    private static void requireCurrentRevisions(List<SagaRecord> updates, int[] updated) {
        Set<String> stale = new TreeSet<>();
        for (int i = 0; i < updated.length; i++) {
            // Anything but one row, including a driver that does not report counts, is refused:
            // writing a saga without knowing its revision matched would risk a lost update.
            if (updated[i] != 1) {
                stale.add(updates.get(i).sagaId());
            }
        }
        if (!stale.isEmpty()) {
            throw new StoreConflictException("sagas " + stale + " are not at the revision this batch read"
                    + " (or do not exist); another transition got there first", stale);
        }
    }

    private static Object[] guardedUpdateValues(SagaRecord saga) {
        return StaleRevisionGuard.withMarker(updateValues(saga), saga.sagaId());
    }

    /** Every column but the id, then the id and the revision the stored row must have. */
    private static Object[] updateValues(SagaRecord saga) {
        Object[] columns = Rows.instanceValues(saga);
        Object[] values = new Object[columns.length + 1];
        System.arraycopy(columns, 1, values, 0, columns.length - 1);
        values[columns.length - 1] = saga.sagaId();
        values[columns.length] = saga.revision() - 1;
        return values;
    }

    private static BatchStatement updateFromPreviousRevision(DSLContext renderer) {
        List<Field<?>> setColumns = Rows.INSTANCE_COLUMNS.subList(1, Rows.INSTANCE_COLUMNS.size());
        Map<Field<?>, Field<?>> assignments = new LinkedHashMap<>();
        for (Field<?> column : setColumns) {
            assignments.put(column, placeholder(column));
        }
        String sql = renderer.render(DSL.update(SAGA_INSTANCE).set(assignments)
                .where(SAGA_INSTANCE.SAGA_ID.eq(DSL.param("saga_id", String.class)))
                .and(SAGA_INSTANCE.REVISION.eq(DSL.param("revision", Long.class))));
        List<Field<?>> bound = new ArrayList<>(setColumns);
        bound.add(SAGA_INSTANCE.SAGA_ID);
        bound.add(SAGA_INSTANCE.REVISION);
        return new BatchStatement(sql, bound);
    }

    private static BatchStatement insertInto(DSLContext renderer, Table<?> table, List<Field<?>> columns) {
        List<Field<?>> placeholders = columns.stream().<Field<?>>map(TransitionWriter::placeholder).toList();
        return new BatchStatement(renderer.render(DSL.insertInto(table).columns(columns).values(placeholders)),
                columns);
    }

    /**
     * A bind placeholder for the column. Instants travel as ISO-8601 text cast in SQL: the drivers'
     * own timestamp binding goes through calendars and costs more CPU than the rest of a row.
     */
    private static Field<?> placeholder(Field<?> column) {
        if (column.getType() == Instant.class) {
            return DSL.cast(DSL.param(column.getName(), String.class), column.getDataType());
        }
        return DSL.param(column.getName(), column.getDataType());
    }

    private static <T, K extends Comparable<? super K>> List<T> sortedBy(List<T> items, Function<T, K> key) {
        List<T> sorted = new ArrayList<>(items);
        sorted.sort(Comparator.comparing(key)); // stable
        return sorted;
    }
}
