package dev.sagitta.testing;

import dev.sagitta.engine.spi.DeadLetter;
import dev.sagitta.engine.spi.DeadLetterFilter;
import dev.sagitta.engine.spi.DeadLetterStatus;
import dev.sagitta.engine.spi.DeadLetterStore;
import dev.sagitta.engine.spi.StoreConflictException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link DeadLetterStore} that keeps its letters in memory: for tests, next to an
 * {@link InMemorySagaStore}.
 *
 * <p>Thread-safe: every method runs under one lock, so of several concurrent {@link #settle} calls
 * for one letter exactly one returns true. It behaves like the database store: it passes the same
 * {@code DeadLetterStoreContract}. Letters are kept as given, at whatever precision their instants
 * have; adding one whose id is taken throws {@link StoreConflictException}. Nothing survives the
 * JVM, and nothing is evicted but what {@link #purgeCreatedBefore} deletes.
 *
 * <pre>{@code
 * DeadLetterStore deadLetters = new InMemoryDeadLetterStore();
 * }</pre>
 */
public final class InMemoryDeadLetterStore implements DeadLetterStore {

    /** The database store's order: oldest first, ties by id. */
    private static final Comparator<DeadLetter> OLDEST_FIRST =
            Comparator.comparing(DeadLetter::createdAt).thenComparing(DeadLetter::id);

    private final Object lock = new Object();
    private final Map<String, DeadLetter> letters = new HashMap<>();

    /** An empty store. */
    public InMemoryDeadLetterStore() {
    }

    @Override
    public void add(DeadLetter letter) {
        Objects.requireNonNull(letter, "letter");
        synchronized (lock) {
            if (letters.putIfAbsent(letter.id(), letter) != null) {
                throw new StoreConflictException("dead letter id " + letter.id()
                        + " is already taken; give each dead letter a new id");
            }
        }
    }

    @Override
    public Optional<DeadLetter> find(String id) {
        Objects.requireNonNull(id, "id");
        synchronized (lock) {
            return Optional.ofNullable(letters.get(id));
        }
    }

    @Override
    public List<DeadLetter> list(DeadLetterFilter filter, int limit) {
        Objects.requireNonNull(filter, "filter");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        synchronized (lock) {
            return letters.values().stream().filter(filter::matches).sorted(OLDEST_FIRST).limit(limit).toList();
        }
    }

    @Override
    public boolean settle(String id, DeadLetterStatus to, String by, Instant at) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
        if (to == DeadLetterStatus.PENDING) {
            throw new IllegalArgumentException("to must be RETRIED or DISCARDED, was PENDING");
        }
        synchronized (lock) {
            DeadLetter letter = letters.get(id);
            if (letter == null || letter.status() != DeadLetterStatus.PENDING) {
                return false;
            }
            letters.put(id, letter.settled(to, by, at));
            return true;
        }
    }

    @Override
    public int purgeCreatedBefore(Instant cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        synchronized (lock) {
            int before = letters.size();
            letters.values().removeIf(letter -> letter.createdAt().isBefore(cutoff));
            return before - letters.size();
        }
    }

    @Override
    public String toString() {
        synchronized (lock) {
            return "InMemoryDeadLetterStore[" + letters.size() + " letters]";
        }
    }
}
