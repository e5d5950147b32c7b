package dev.sagitta.persistence.internal;

import static dev.sagitta.persistence.internal.jooq.Tables.SAGA_INBOX;
import static dev.sagitta.persistence.internal.jooq.Tables.SAGA_INSTANCE;
import static dev.sagitta.persistence.internal.jooq.Tables.SAGA_OUTBOX;
import static dev.sagitta.persistence.internal.jooq.Tables.SAGA_STEP;

import dev.sagitta.engine.spi.OutboxEntry;
import dev.sagitta.engine.spi.SagaRecord;
import dev.sagitta.engine.spi.StoreConflictException;
import dev.sagitta.engine.spi.TransitionBatch;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.Query;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Writes a {@link TransitionBatch} inside a transaction the caller owns, with one batched
 * prepared statement per kind of row, however many sagas the batch holds.
 *
 * <p>Stateless and thread-safe. Statements are built afresh for each batch (jOOQ query objects are
 * not meant to be shared between threads), which costs microseconds next to a round trip.
 */
final class TransitionWriter {

    /** Keeps IN lists well below the bind-parameter limits of both databases. */
    private static final int IN_LIST_CHUNK = 1_000;

    /**
     * Writes every part of the batch. The caller rolls back if this throws.
     *
     * @throws StoreConflictException if a saga is not at the revision before its update
     */
    void write(DSLContext tx, TransitionBatch batch) {
        // Sagas are written in id order so that concurrent commits lock rows in the same order
        // and do not deadlock each other.
        execute(tx, insertInto(SAGA_INSTANCE, Rows.INSTANCE_COLUMNS),
                sortedBy(batch.inserts(), SagaRecord::sagaId), Rows::instanceValues);
        updateSagas(tx, sortedBy(batch.updates(), SagaRecord::sagaId));
        execute(tx, insertInto(SAGA_STEP, Rows.STEP_COLUMNS), batch.history(), Rows::stepValues);
        execute(tx, insertInto(SAGA_OUTBOX, Rows.OUTBOX_COLUMNS), inCreationOrder(batch.outbox()), Rows::outboxValues);
        execute(tx, insertInto(SAGA_INBOX, Rows.INBOX_COLUMNS), batch.inbox(), Rows::inboxValues);
        for (List<String> messageIds : Chunks.of(batch.dispatchedOutbox(), IN_LIST_CHUNK)) {
            tx.deleteFrom(SAGA_OUTBOX).where(SAGA_OUTBOX.MESSAGE_ID.in(messageIds)).execute();
        }
    }

    private static void updateSagas(DSLContext tx, List<SagaRecord> updates) {
        int[] updated = execute(tx, updateSagaFromPreviousRevision(), updates, TransitionWriter::updateValues);
        for (int i = 0; i < updated.length; i++) {
            // Anything but one row, including a driver that does not report counts, is refused:
            // writing a saga without knowing its revision matched would risk a lost update.
            if (updated[i] != 1) {
                SagaRecord saga = updates.get(i);
                throw new StoreConflictException("saga " + saga.sagaId() + " is not at revision "
                        + (saga.revision() - 1) + " (or does not exist); another transition got there first");
            }
        }
    }

    private static <T> int[] execute(DSLContext tx, Query statement, List<T> rows, Function<T, Object[]> values) {
        if (rows.isEmpty()) {
            return new int[0];
        }
        return tx.batch(statement).bind(rows.stream().map(values).toArray(Object[][]::new)).execute();
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

    private static Query updateSagaFromPreviousRevision() {
        Map<Field<?>, Param<?>> assignments = new LinkedHashMap<>();
        for (Field<?> column : Rows.INSTANCE_COLUMNS.subList(1, Rows.INSTANCE_COLUMNS.size())) {
            assignments.put(column, placeholder(column));
        }
        return DSL.update(SAGA_INSTANCE).set(assignments)
                .where(SAGA_INSTANCE.SAGA_ID.eq(DSL.param("saga_id", SAGA_INSTANCE.SAGA_ID.getDataType())))
                .and(SAGA_INSTANCE.REVISION.eq(DSL.param("previous_revision", SAGA_INSTANCE.REVISION.getDataType())));
    }

    private static Query insertInto(Table<?> table, List<Field<?>> columns) {
        List<Param<?>> placeholders = columns.stream().<Param<?>>map(TransitionWriter::placeholder).toList();
        return DSL.insertInto(table).columns(columns).values(placeholders);
    }

    private static Param<?> placeholder(Field<?> column) {
        return DSL.param(column.getName(), column.getDataType());
    }

    /** Each saga's outbox rows in seq order, so its commands leave in the order it wrote them. */
    private static List<OutboxEntry> inCreationOrder(List<OutboxEntry> entries) {
        return sortedBy(entries, OutboxEntry::seq);
    }

    private static <T, K extends Comparable<? super K>> List<T> sortedBy(List<T> items, Function<T, K> key) {
        List<T> sorted = new ArrayList<>(items);
        sorted.sort(Comparator.comparing(key)); // stable
        return sorted;
    }
}
