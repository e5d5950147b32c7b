package dev.sagitta.persistence;

import dev.sagitta.engine.spi.SagaStore;
import dev.sagitta.persistence.testing.StoreDatabase;
import dev.sagitta.testing.store.SagaStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The store contract on the jOOQ store over an embedded H2 file database, opened as in production. */
class H2SagaStoreTest extends SagaStoreContract {

    @RegisterExtension
    static final StoreDatabase DATABASE = StoreDatabase.h2();

    @Override
    protected SagaStore createEmptyStore() {
        return DATABASE.emptyStore();
    }
}
