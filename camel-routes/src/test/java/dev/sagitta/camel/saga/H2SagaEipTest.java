package dev.sagitta.camel.saga;

import dev.sagitta.engine.spi.SagaStore;
import dev.sagitta.persistence.SagaDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The Saga EIP on Sagitta, on the embedded default: H2 in a file. */
class H2SagaEipTest extends SagaEipContract {

    @TempDir
    Path directory;

    private SagaDatabase database;

    @Override
    protected SagaStore openStore() {
        database = SagaDatabase.embeddedH2(directory);
        return database.store();
    }

    @Override
    protected void closeStore() {
        if (database != null) {
            database.close();
        }
    }
}
