package dev.sagitta.persistence;

import dev.sagitta.engine.spi.DeadLetterStore;
import dev.sagitta.engine.spi.SagaStore;
import dev.sagitta.persistence.testing.StoreDatabase;
import dev.sagitta.testing.store.DeadLetterStoreContract;
import dev.sagitta.testing.store.SagaStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The store and dead-letter contracts on the jOOQ stores over an embedded H2 file database, opened
 * as in production.
 */
class H2SagaStoreTest extends SagaStoreContract implements DeadLetterStoreContract {

    @RegisterExtension
    static final StoreDatabase DATABASE = StoreDatabase.h2();

    @Override
    protected SagaStore createEmptyStore() {
        return DATABASE.emptyStore();
    }

    /** Emptied before each test with the saga tables, by {@link #createEmptyStore()}. */
    @Override
    public DeadLetterStore deadLetters() {
        return DATABASE.deadLetters();
    }
}
