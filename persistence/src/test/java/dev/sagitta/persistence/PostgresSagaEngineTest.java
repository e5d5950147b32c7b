package dev.sagitta.persistence;

import dev.sagitta.engine.spi.SagaStore;
import dev.sagitta.persistence.testing.PostgresTestDatabase;
import dev.sagitta.persistence.testing.SagaTables;
import dev.sagitta.testing.store.SagaEngineContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The engine's behaviour on the jOOQ store over PostgreSQL, in virtual time. */
class PostgresSagaEngineTest extends SagaEngineContract {

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
    protected SagaStore newStore() {
        SagaTables.deleteAllRows(database.dataSource());
        return database.store();
    }
}
