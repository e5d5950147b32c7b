package dev.sagitta.testing.store;

import dev.sagitta.engine.spi.SagaStore;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The behaviour every {@link SagaStore} must have, as a JUnit 5 suite. Extend it and supply an
 * empty store:
 *
 * <pre>{@code
 * class MyStoreTest extends SagaStoreContract {
 *     protected SagaStore createEmptyStore() { return new MyStore(freshDatabase()); }
 * }
 * }</pre>
 *
 * <p>{@link #createEmptyStore()} runs before every test and {@link #discardStore(SagaStore)} after
 * it, so no test sees another's rows: return a new store each time, or empty the shared tables
 * first. Tests of one class run one at a time; some start threads of their own to race each other.
 *
 * <p>Every instant in these tests has millisecond precision, and a store must give back exactly
 * the instants it was given at that precision (the engine truncates its instants to
 * milliseconds). Beyond the Javadoc of {@link SagaStore}, the contract pins down that:
 * <ul>
 *   <li>a claimed outbox row comes back carrying its new availability, the lease end;</li>
 *   <li>within one batch, each saga's outbox rows are queued in {@code seq} order;</li>
 *   <li>deleting a dispatched outbox row that is already gone is not a conflict;</li>
 *   <li>a reply id may be recorded for a saga the store does not know (a late or stray reply);</li>
 *   <li>due sagas with the same wake-up time are claimed in saga id order;</li>
 *   <li>claiming, or listing unfinished sagas, with a limit below 1 throws
 *       {@link IllegalArgumentException};</li>
 *   <li>unfinished sagas started at the same time are listed in saga id order;</li>
 *   <li>claiming a due saga changes only its wake-up time, never its revision.</li>
 * </ul>
 *
 * <p>The tests are grouped by topic in package-private interfaces, each a short read.
 */
public abstract class SagaStoreContract implements StoringSagasContract, BusinessKeysContract, UpdatesContract,
        InboxContract, HistoryContract, OutboxContract, WakeUpsContract, UnfinishedSagasContract,
        ConcurrencyContract {

    private @Nullable SagaStore store;

    /** A store with no sagas, history, outbox or inbox rows. Called before every test. */
    protected abstract SagaStore createEmptyStore() throws Exception;

    /** Releases what {@link #createEmptyStore()} opened. Called after every test; does nothing by default. */
    protected void discardStore(SagaStore store) throws Exception {
    }

    @BeforeEach
    final void openEmptyStore() throws Exception {
        store = createEmptyStore();
    }

    @AfterEach
    final void releaseStore() throws Exception {
        if (store != null) {
            discardStore(store);
            store = null;
        }
    }

    /** The store of the running test. */
    @Override
    public final SagaStore store() {
        return Objects.requireNonNull(store, "no test is running");
    }
}
