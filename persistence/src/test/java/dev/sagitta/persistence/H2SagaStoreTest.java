package dev.sagitta.persistence;

import dev.sagitta.engine.spi.SagaStore;
import dev.sagitta.persistence.testing.SagaTables;
import dev.sagitta.testing.store.SagaStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on an embedded H2 file database, opened as in production. */
class H2SagaStoreTest extends SagaStoreContract {

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
    protected SagaStore createEmptyStore() {
        SagaTables.deleteAllRows(database.dataSource());
        return database.store();
    }
}
