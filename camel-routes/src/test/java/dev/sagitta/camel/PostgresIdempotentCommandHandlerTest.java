package dev.sagitta.camel;

import dev.sagitta.persistence.SagaDatabase;
import dev.sagitta.persistence.testing.PostgresTestDatabase;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The participant helper on PostgreSQL, where the row lock is a real one. */
class PostgresIdempotentCommandHandlerTest extends IdempotentCommandHandlerContract {

    private static PostgresTestDatabase server;
    private static SagaDatabase database;

    @BeforeAll
    static void open() {
        server = PostgresTestDatabase.create();
        database = server.openSagaDatabase();
    }

    @AfterAll
    static void close() {
        database.close();
        server.close();
    }

    @Override
    protected DataSource dataSource() {
        return database.dataSource();
    }
}
