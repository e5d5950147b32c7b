package dev.sagitta.persistence;

import com.zaxxer.hikari.HikariDataSource;
import dev.sagitta.engine.spi.DeadLetterStore;
import dev.sagitta.engine.spi.SagaStore;
import dev.sagitta.persistence.internal.ConnectionPools;
import dev.sagitta.persistence.internal.JooqDeadLetterStore;
import dev.sagitta.persistence.internal.JooqSagaStore;
import dev.sagitta.persistence.internal.Migrations;
import dev.sagitta.persistence.internal.SqlDialectStrategy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The database Sagitta keeps its sagas in: opens it, brings its tables up to date (Flyway
 * migrations in {@code classpath:db/sagitta}, history in {@code sagitta_schema_history}) and hands
 * out the {@link SagaStore} and the {@link DeadLetterStore}.
 *
 * <pre>{@code
 * try (SagaDatabase database = SagaDatabase.embeddedH2(Path.of("sagitta-data"))) {
 *     SagaStore store = database.store();
 *     ...
 * }
 * }</pre>
 *
 * <p>Two databases are supported. PostgreSQL (15 or later) is the production store. Embedded H2 is
 * the zero-setup default: it is opened with {@code WRITE_DELAY=0}, so a commit is written to the
 * file before it is acknowledged and a killed process loses nothing, but H2 does not fsync, so an
 * operating-system crash or power cut can lose the latest commits. H2 also writes one transaction
 * at a time.
 *
 * <p>The factories that take a URL open a HikariCP pool with its defaults (up to 10 connections);
 * for other pool settings, build the pool yourself and use {@link #fromDataSource(DataSource)}.
 * For PostgreSQL the pool sets {@code reWriteBatchedInserts=true} unless the URL says otherwise,
 * because the store writes many rows per commit.
 *
 * <p>Thread-safe. {@link #close()} closes the pool this class opened; a data source passed to
 * {@link #fromDataSource(DataSource)} stays open, since its owner closes it.
 */
public final class SagaDatabase implements AutoCloseable {

    private final DataSource dataSource;
    private final @Nullable HikariDataSource ownedPool;
    private final SagaStore store;
    private final DeadLetterStore deadLetters;

    private SagaDatabase(DataSource dataSource, @Nullable HikariDataSource ownedPool, SqlDialectStrategy dialect) {
        this.dataSource = dataSource;
        this.ownedPool = ownedPool;
        this.store = new JooqSagaStore(dataSource, dialect);
        this.deadLetters = new JooqDeadLetterStore(dataSource, dialect);
    }

    /**
     * An H2 database in files under {@code directory} (created if missing), opened as
     * {@code jdbc:h2:file:<directory>/sagitta;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;WRITE_DELAY=0}.
     * Only one process at a time can open it.
     */
    public static SagaDatabase embeddedH2(Path directory) {
        Path absolute = directory.toAbsolutePath();
        if (absolute.toString().contains(";")) {
            throw new IllegalArgumentException(
                    "directory must not contain ';' (H2 reads it as a setting): " + absolute);
        }
        try {
            Files.createDirectories(absolute);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the H2 directory " + absolute, e);
        }
        String url = "jdbc:h2:file:" + absolute.resolve("sagitta")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;WRITE_DELAY=0";
        return fromJdbcUrl(url, null, null);
    }

    /**
     * The database at a {@code jdbc:postgresql:} or {@code jdbc:h2:} URL. The store works in any H2
     * mode, but H2 URLs should carry {@code MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE} (text columns
     * are then plain strings rather than CLOBs, and names match PostgreSQL's) and, for file
     * databases, {@code WRITE_DELAY=0} (see {@link #embeddedH2(Path)}).
     *
     * @param user     the user, or {@code null} when the URL names it or none is needed
     * @param password the password, or {@code null}
     * @throws IllegalArgumentException for any other kind of URL
     */
    public static SagaDatabase fromJdbcUrl(String jdbcUrl, @Nullable String user, @Nullable String password) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        SqlDialectStrategy dialect = SqlDialectStrategy.forJdbcUrl(jdbcUrl);
        HikariDataSource pool = ConnectionPools.open(jdbcUrl, user, password, dialect);
        return migrated(pool, pool, dialect);
    }

    /**
     * The database behind a data source you own, usually a connection pool; the database is
     * recognised from the connection's metadata. Closing the {@code SagaDatabase} leaves the data
     * source open.
     */
    public static SagaDatabase fromDataSource(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        return migrated(dataSource, null, SqlDialectStrategy.forDataSource(dataSource));
    }

    private static SagaDatabase migrated(DataSource dataSource, @Nullable HikariDataSource ownedPool,
            SqlDialectStrategy dialect) {
        try {
            Migrations.migrate(dataSource);
        } catch (RuntimeException e) {
            if (ownedPool != null) {
                ownedPool.close();
            }
            throw e;
        }
        return new SagaDatabase(dataSource, ownedPool, dialect);
    }

    /** The store on this database. Thread-safe; one instance serves the whole application. */
    public SagaStore store() {
        return store;
    }

    /**
     * The dead-letter store on this database (table {@code saga_dead_letter}), the same database as
     * {@link #store()}: messages that could not be processed, kept until an operator retries or
     * discards them. Thread-safe; one instance serves the whole application, and
     * {@link DeadLetterStore#settle} lets exactly one of several nodes settle a letter.
     */
    public DeadLetterStore deadLetters() {
        return deadLetters;
    }

    /**
     * The data source the store uses, for tables of your own in the same database (participant
     * tables, for instance). Do not close it: {@link #close()} does.
     */
    public DataSource dataSource() {
        return dataSource;
    }

    /** Closes the connection pool this class opened, if it opened one. Idempotent. */
    @Override
    public void close() {
        if (ownedPool != null) {
            ownedPool.close();
        }
    }

    @Override
    public String toString() {
        return "SagaDatabase[" + store + "]";
    }
}
