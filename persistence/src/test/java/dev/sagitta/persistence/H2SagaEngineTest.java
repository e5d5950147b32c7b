package dev.sagitta.persistence;

import dev.sagitta.engine.spi.SagaStore;
import dev.sagitta.persistence.testing.StoreDatabase;
import dev.sagitta.testing.store.SagaEngineContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The engine's behaviour, in virtual time, on the jOOQ store over an embedded H2 file database, opened as in production. */
class H2SagaEngineTest extends SagaEngineContract {

    @RegisterExtension
    static final StoreDatabase DATABASE = StoreDatabase.h2();

    @Override
    protected SagaStore newStore() {
        return DATABASE.emptyStore();
    }
}
