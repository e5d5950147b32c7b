package dev.sagitta.persistence;

import dev.sagitta.engine.spi.SagaStore;
import dev.sagitta.persistence.testing.SagaTables;
import dev.sagitta.testing.store.SagaEngineContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The engine's behaviour on the jOOQ store over an embedded H2 file database, in virtual time. */
class H2SagaEngineTest extends SagaEngineContract {

    @TempDir
    static Path directory;

    private static SagaDatabase database;

    @BeforeAll
    static void openDatabase() {
        database = SagaDatabase.embeddedH2(directory);
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    @Override
    protected SagaStore newStore() {
        SagaTables.deleteAllRows(database.dataSource());
        return database.store();
    }
}
