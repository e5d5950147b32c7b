package dev.sagitta.persistence;

import dev.sagitta.engine.spi.SagaStore;
import dev.sagitta.persistence.testing.StoreDatabase;
import dev.sagitta.testing.store.SagaStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The store contract on the jOOQ store over PostgreSQL: the server named by {@code SAGITTA_TEST_PG_URL}, or an embedded one. */
class PostgresSagaStoreTest extends SagaStoreContract {

    @RegisterExtension
    static final StoreDatabase DATABASE = StoreDatabase.postgres();

    @Override
    protected SagaStore createEmptyStore() {
        return DATABASE.emptyStore();
    }
}
