package dev.sagitta.examples.trip;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The participants' own database, when they run in a process of their own: their tables
 * ({@code trip_reservation}, {@code trip_itinerary}, and {@code trip_payment}, which they leave
 * alone), created on open, and a connection pool. Read from the example's keys:
 *
 * <ul>
 *   <li>{@value #URL}: a {@code jdbc:postgresql:} or {@code jdbc:h2:} URL; the application reads it
 *       too, to check the participants' tables against the sagas' outcomes. Both may name the saga
 *       database: the tables live beside Sagitta's, as when everything runs in one process;</li>
 *   <li>{@value #USER}, {@value #PASSWORD}: optional.</li>
 * </ul>
 *
 * Thread-safe; {@link #close()} closes the pool.
 */
public final class ParticipantsDatabase implements AutoCloseable {

    public static final String URL = "trip.participants.database.url";
    public static final String USER = "trip.participants.database.user";
    public static final String PASSWORD = "trip.participants.database.password";

    private final HikariDataSource pool;
    private final String description;

    private ParticipantsDatabase(HikariDataSource pool, String description) {
        this.pool = pool;
        this.description = description;
        try {
            TripTables.migrate(pool);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /** The database {@value #URL} names, if it is set. */
    public static Optional<ParticipantsDatabase> configured(TripProperties properties) {
        return properties.get(URL).map(url -> open(url,
                properties.get(USER).orElse(null), properties.get(PASSWORD).orElse(null)));
    }

    /** The database {@value #URL} names, else an embedded H2 file database in {@code directory}. */
    public static ParticipantsDatabase configuredOrEmbedded(TripProperties properties, Path directory) {
        return configured(properties).orElseGet(() -> {
            Path absolute = directory.toAbsolutePath();
            return open("jdbc:h2:file:" + absolute.resolve("participants")
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;WRITE_DELAY=0", null, null);
        });
    }

    static ParticipantsDatabase open(String jdbcUrl, @Nullable String user, @Nullable String password) {
        if (!jdbcUrl.startsWith("jdbc:postgresql:") && !jdbcUrl.startsWith("jdbc:h2:")) {
            throw new IllegalArgumentException(URL + " must be a jdbc:postgresql: or jdbc:h2: URL");
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("trip-participants");
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(8);
        return new ParticipantsDatabase(new HikariDataSource(config), jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***"));
    }

    public DataSource dataSource() {
        return pool;
    }

    /** The URL, with any password in it masked. */
    public String description() {
        return description;
    }

    @Override
    public void close() {
        pool.close();
    }
}
