package dev.sagitta.engine.spi;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where saga instances, their timelines, the outbox and the inbox live.
 *
 * <p>Implementations must be thread-safe, and correct when several engine nodes share one
 * database: {@link #commit} is all-or-nothing with optimistic revision checks, and the two
 * {@code claim} methods never hand the same row to two callers while its lease lasts.
 */
public interface SagaStore {

    /** Loads the named sagas; ids that do not exist are absent from the result. */
    Map<String, SagaRecord> load(Collection<String> sagaIds);

    /** The id of the saga of {@code sagaType} started with {@code businessKey}, if one was. */
    Optional<String> findIdByBusinessKey(String sagaType, String businessKey);

    /** Which of these reply ids are already in the inbox. */
    Set<String> processedMessageIds(Collection<String> messageIds);

    /**
     * Writes the batch in one transaction.
     *
     * @throws StoreConflictException if a revision check or a uniqueness rule failed; nothing was written
     */
    void commit(TransitionBatch batch);

    /**
     * Claims up to {@code limit} non-terminal sagas whose wake-up time is at or before {@code now},
     * oldest first, by moving their wake-up time to {@code leaseUntil}, and returns their ids.
     */
    List<String> claimDueSagas(Instant now, Instant leaseUntil, int limit);

    /**
     * Claims up to {@code limit} outbox rows available at {@code now}, by moving their availability
     * to {@code leaseUntil}; returned in creation order, which keeps each saga's commands in order.
     */
    List<OutboxEntry> claimOutbox(Instant now, Instant leaseUntil, int limit);

    /** The saga's timeline in order. */
    List<HistoryRecord> history(String sagaId);

    /** Ids of up to {@code limit} non-terminal sagas (RUNNING or COMPENSATING), oldest first. */
    List<String> unfinishedSagaIds(int limit);

    /**
     * Up to {@code limit} non-terminal sagas that look stalled: with no wake-up time (nothing will
     * move them), or whose last transition committed before {@code noProgressSince}; least recently
     * updated first.
     */
    List<SagaRecord> stalledSagas(Instant noProgressSince, int limit);

    /** The definition versions that non-terminal sagas are pinned to. */
    Set<SagaTypeVersion> unfinishedTypeVersions();
}
