package dev.sagitta.persistence;

import dev.sagitta.engine.spi.SagaStore;
import dev.sagitta.persistence.testing.StoreDatabase;
import dev.sagitta.testing.store.SagaEngineContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The engine's behaviour, in virtual time, on the jOOQ store over PostgreSQL: the server named by {@code SAGITTA_TEST_PG_URL}, or an embedded one. */
class PostgresSagaEngineTest extends SagaEngineContract {

    @RegisterExtension
    static final StoreDatabase DATABASE = StoreDatabase.postgres();

    @Override
    protected SagaStore newStore() {
        return DATABASE.emptyStore();
    }
}
