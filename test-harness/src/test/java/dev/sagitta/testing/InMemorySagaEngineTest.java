package dev.sagitta.testing;

import dev.sagitta.engine.spi.SagaStore;
import dev.sagitta.testing.store.SagaEngineContract;

class InMemorySagaEngineTest extends SagaEngineContract {

    @Override
    protected SagaStore newStore() {
        return new InMemorySagaStore();
    }
}
