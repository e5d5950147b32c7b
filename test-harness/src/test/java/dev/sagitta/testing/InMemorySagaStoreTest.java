package dev.sagitta.testing;

import dev.sagitta.engine.spi.DeadLetterStore;
import dev.sagitta.engine.spi.SagaStore;
import dev.sagitta.testing.store.DeadLetterStoreContract;
import dev.sagitta.testing.store.SagaStoreContract;

class InMemorySagaStoreTest extends SagaStoreContract implements DeadLetterStoreContract {

    /** A new one for every test: JUnit makes a test instance per test. */
    private final DeadLetterStore deadLetters = new InMemoryDeadLetterStore();

    @Override
    protected SagaStore createEmptyStore() {
        return new InMemorySagaStore();
    }

    @Override
    public DeadLetterStore deadLetters() {
        return deadLetters;
    }
}
