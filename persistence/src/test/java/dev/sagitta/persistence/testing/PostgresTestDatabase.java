package dev.sagitta.persistence.testing;

import dev.sagitta.persistence.SagaDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A fresh, empty PostgreSQL database for a test class, dropped again by {@link #close()}.
 *
 * <pre>{@code
 * static PostgresTestDatabase postgres = PostgresTestDatabase.create();
 * SagaDatabase database = postgres.openSagaDatabase();
 * }</pre>
 *
 * <p>Where the database lives:
 * <ul>
 *   <li>if the environment variable {@value #URL_VARIABLE} is set, on that server, for example
 *       {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres} (the user must be allowed to
 *       create databases); the URL's own database is used only to create and drop the new one;</li>
 *   <li>otherwise on an embedded PostgreSQL 17 from zonky's binaries, started once per JVM, also
 *       when the JVM runs as root (see {@link EmbeddedPostgresServer}).</li>
 * </ul>
 * Each database gets a random name, so parallel runs against one server never collide. When no
 * server can be had, {@link #create()} fails and says to set {@value #URL_VARIABLE}: a test run
 * without PostgreSQL must not pass by skipping.
 *
 * <p>Thread-safe.
 */
public final class PostgresTestDatabase implements AutoCloseable {

    /** The environment variable naming an existing server to use instead of the embedded one. */
    public static final String URL_VARIABLE = "SAGITTA_TEST_PG_URL";

    private final String adminUrl;
    private final String name;
    private final String jdbcUrl;

    private PostgresTestDatabase(String adminUrl, String name) {
        this.adminUrl = adminUrl;
        this.name = name;
        this.jdbcUrl = PostgresUrls.withDatabase(adminUrl, name);
    }

    /** Creates an empty database on the configured or embedded server. */
    public static PostgresTestDatabase create() {
        String adminUrl = adminUrl();
        String name = "sagitta_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        execute(adminUrl, "create database " + name);
        return new PostgresTestDatabase(adminUrl, name);
    }

    /** The database's JDBC URL, with the user (and password, if any) in it. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** The database's name. */
    public String name() {
        return name;
    }

    /** Opens Sagitta's store on this database, migrating its tables. The caller closes it. */
    public SagaDatabase openSagaDatabase() {
        return SagaDatabase.fromJdbcUrl(jdbcUrl, null, null);
    }

    /** Drops the database, ending any connection still open to it. */
    @Override
    public void close() {
        execute(adminUrl, "drop database if exists " + name + " with (force)");
    }

    @Override
    public String toString() {
        return "PostgresTestDatabase[" + name + "]";
    }

    private static String adminUrl() {
        String configured = System.getenv(URL_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            return configured.trim();
        }
        try {
            return EmbeddedPostgresServer.shared().jdbcUrl("postgres");
        } catch (Exception | LinkageError e) {
            throw new IllegalStateException("No PostgreSQL for the tests: the embedded server did not start ("
                    + e.getMessage() + "). Set " + URL_VARIABLE + " to a server's JDBC URL, for example "
                    + "jdbc:postgresql://127.0.0.1:5432/test?user=postgres", e);
        }
    }

    private static void execute(String url, String sql) {
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            String server = System.getenv(URL_VARIABLE) != null ? URL_VARIABLE + "=" + url : "the embedded PostgreSQL";
            throw new IllegalStateException("cannot run '" + sql + "' on " + server + " (" + e.getMessage()
                    + "); check that server, or set " + URL_VARIABLE + " to another one", e);
        }
    }
}
