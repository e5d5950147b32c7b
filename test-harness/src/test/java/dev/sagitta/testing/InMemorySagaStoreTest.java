package dev.sagitta.testing;

import dev.sagitta.engine.spi.SagaStore;
import dev.sagitta.testing.store.SagaStoreContract;

class InMemorySagaStoreTest extends SagaStoreContract {

    @Override
    protected SagaStore createEmptyStore() {
        return new InMemorySagaStore();
    }
}
