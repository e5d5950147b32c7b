package dev.sagitta.camel.saga;

import dev.sagitta.engine.spi.SagaStore;
import dev.sagitta.persistence.SagaDatabase;
import dev.sagitta.persistence.testing.PostgresTestDatabase;

/** The Saga EIP on Sagitta on PostgreSQL: a fresh database per test. */
class PostgresSagaEipTest extends SagaEipContract {

    private PostgresTestDatabase server;
    private SagaDatabase database;

    @Override
    protected SagaStore openStore() {
        server = PostgresTestDatabase.create();
        database = server.openSagaDatabase();
        return database.store();
    }

    @Override
    protected void closeStore() {
        if (database != null) {
            database.close();
        }
        if (server != null) {
            server.close();
        }
    }
}
