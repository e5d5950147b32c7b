package dev.sagitta.camel;

import dev.sagitta.persistence.SagaDatabase;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The participant helper on an in-memory H2 database. */
class H2IdempotentCommandHandlerTest extends IdempotentCommandHandlerContract {

    private static SagaDatabase database;

    @BeforeAll
    static void open() {
        database = SagaDatabase.fromJdbcUrl("jdbc:h2:mem:participant;DB_CLOSE_DELAY=-1", "sa", "");
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Override
    protected DataSource dataSource() {
        return database.dataSource();
    }
}
