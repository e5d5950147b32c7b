package dev.sagitta.persistence.internal;

import static dev.sagitta.persistence.internal.jooq.Tables.SAGA_INSTANCE;
import static dev.sagitta.persistence.internal.jooq.Tables.SAGA_OUTBOX;

import dev.sagitta.engine.spi.OutboxEntry;
import dev.sagitta.persistence.internal.jooq.tables.records.SagaOutboxRecord;
import java.time.Instant;
import java.util.List;
import org.jooq.DSLContext;

/**
 * Claims due sagas and available outbox rows for one caller. Each claim runs in a transaction the
 * caller owns: it selects the oldest candidates, locking them and skipping rows another claim
 * holds, then moves their time to the lease end so later claims pass them by until it expires.
 *
 * <p>Stateless and thread-safe.
 */
final class LeaseClaims {

    private static final int IN_LIST_CHUNK = 1_000;

    private final SqlDialectStrategy dialect;

    LeaseClaims(SqlDialectStrategy dialect) {
        this.dialect = dialect;
    }

    List<String> claimDueSagas(DSLContext tx, Instant now, Instant leaseUntil, int limit) {
        List<String> due = dialect.lockForClaim(tx.select(SAGA_INSTANCE.SAGA_ID).from(SAGA_INSTANCE)
                        .where(SAGA_INSTANCE.STATUS.in(Rows.UNFINISHED_STATUSES))
                        .and(SAGA_INSTANCE.WAKE_AT.le(now))
                        .orderBy(SAGA_INSTANCE.WAKE_AT, SAGA_INSTANCE.SAGA_ID)
                        .limit(limit))
                .fetch(SAGA_INSTANCE.SAGA_ID);
        for (List<String> sagaIds : Chunks.of(due, IN_LIST_CHUNK)) {
            tx.update(SAGA_INSTANCE).set(SAGA_INSTANCE.WAKE_AT, leaseUntil)
                    .where(SAGA_INSTANCE.SAGA_ID.in(sagaIds)).execute();
        }
        return due;
    }

    List<OutboxEntry> claimOutbox(DSLContext tx, Instant now, Instant leaseUntil, int limit) {
        List<SagaOutboxRecord> available = dialect.lockForClaim(tx.selectFrom(SAGA_OUTBOX)
                        .where(SAGA_OUTBOX.AVAILABLE_AT.le(now))
                        .orderBy(SAGA_OUTBOX.INSERTION_ORDER)
                        .limit(limit))
                .fetch();
        List<String> messageIds = available.stream().map(SagaOutboxRecord::getMessageId).toList();
        for (List<String> chunk : Chunks.of(messageIds, IN_LIST_CHUNK)) {
            tx.update(SAGA_OUTBOX).set(SAGA_OUTBOX.AVAILABLE_AT, leaseUntil)
                    .where(SAGA_OUTBOX.MESSAGE_ID.in(chunk)).execute();
        }
        return available.stream()
                .map(row -> new OutboxEntry(row.getSeq(), Rows.toCommand(row), leaseUntil))
                .toList();
    }
}
