package dev.sagitta.engine.spi;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where messages that cannot be processed are kept until an operator retries or discards them.
 * Implementations: the jOOQ store on H2 and PostgreSQL ({@code SagaDatabase.deadLetters()}, table
 * {@code saga_dead_letter}), and an in-memory one in the test harness.
 *
 * <p>Implementations must be thread-safe, and {@link #settle} must let exactly one of several
 * concurrent callers (on any node) settle a letter.
 */
public interface DeadLetterStore {

    /** Keeps {@code letter}, committed when this returns. Its id must be new. */
    void add(DeadLetter letter);

    Optional<DeadLetter> find(String id);

    /** Up to {@code limit} letters that match, oldest first (ties by id). */
    List<DeadLetter> list(DeadLetterFilter filter, int limit);

    /**
     * Moves a PENDING letter to {@code to}, noting who and when. Returns false, changing nothing, if
     * there is no such letter or it is no longer pending.
     */
    boolean settle(String id, DeadLetterStatus to, String by, Instant at);

    /** Deletes letters created before {@code cutoff}, whatever their status; returns how many. */
    int purgeCreatedBefore(Instant cutoff);
}
