package dev.sagitta.persistence;

import dev.sagitta.engine.spi.SagaStore;
import dev.sagitta.persistence.testing.PostgresTestDatabase;
import dev.sagitta.persistence.testing.SagaTables;
import dev.sagitta.testing.store.SagaStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The store contract on PostgreSQL: the server named by {@code SAGITTA_TEST_PG_URL}, or an
 * embedded one (see {@link PostgresTestDatabase}).
 */
class PostgresSagaStoreTest extends SagaStoreContract {

    private static PostgresTestDatabase postgres;
    private static SagaDatabase database;

    @BeforeAll
    static void openDatabase() {
        postgres = PostgresTestDatabase.create();
        database = postgres.openSagaDatabase();
    }

    @AfterAll
    static void dropDatabase() {
        if (database != null) {
            database.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Override
    protected SagaStore createEmptyStore() {
        SagaTables.deleteAllRows(database.dataSource());
        return database.store();
    }
}
