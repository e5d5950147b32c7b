package dev.sagitta.examples.trip;

import dev.sagitta.engine.spi.SagaStore;
import dev.sagitta.persistence.SagaDatabase;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The example's database: Sagitta's saga store, and the participants' own tables beside it
 * (migrated with their own Flyway history, so the two schemas evolve independently).
 */
public final class TripDatabase implements AutoCloseable {

    private final SagaDatabase sagas;
    private final String description;

    private TripDatabase(SagaDatabase sagas, String description) {
        this.sagas = sagas;
        this.description = description;
        TripTables.migrate(sagas.dataSource());
    }

    /** PostgreSQL (or H2) at {@code jdbcUrl} when given, otherwise the embedded H2 file database in {@code dataDir}. */
    public static TripDatabase open(@Nullable String jdbcUrl, @Nullable String user, @Nullable String password,
            Path dataDir) {
        if (jdbcUrl != null) {
            return new TripDatabase(SagaDatabase.fromJdbcUrl(jdbcUrl, user, password), jdbcUrl);
        }
        return new TripDatabase(SagaDatabase.embeddedH2(dataDir), "embedded H2 in " + dataDir.toAbsolutePath());
    }

    /** The example's tables beside Sagitta's in a database opened by the caller; {@link #close()} closes it. */
    public static TripDatabase on(SagaDatabase sagas) {
        return new TripDatabase(sagas, sagas.toString());
    }

    public SagaStore store() {
        return sagas.store();
    }

    public DataSource dataSource() {
        return sagas.dataSource();
    }

    public String description() {
        return description;
    }

    @Override
    public void close() {
        sagas.close();
    }
}
