package dev.sagitta.persistence.internal;

import com.zaxxer.hikari.HikariConfig;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.SelectForUpdateStep;
import org.jooq.SelectForStep;

/**
 * What differs between the databases the store runs on. Everything else is plain jOOQ.
 *
 * <p>Implementations are stateless and thread-safe.
 */
public interface SqlDialectStrategy {

    /** The dialect jOOQ renders for. */
    SQLDialect jooqDialect();

    /**
     * Locks the rows a claim selects so that a concurrent claimer skips them instead of taking them
     * too or waiting for them.
     */
    <R extends Record> SelectForStep<R> lockForClaim(SelectForUpdateStep<R> select);

    /**
     * Whether a failure with this SQLState means the transaction lost a race (a unique key taken,
     * a deadlock, a serialisation failure), so retrying with fresh state can succeed.
     */
    boolean isLostRace(String sqlState);

    /**
     * Whether the driver runs a prepared statement holding several statements, separated by
     * semicolons, in one round trip and, in auto-commit mode, as one transaction ({@link PipelinedStatements}).
     */
    boolean pipelinesMultiStatements();

    /** Adds the connection settings the store relies on to a pool configuration. */
    void tunePool(HikariConfig pool);

    /** The strategy for a JDBC URL. */
    static SqlDialectStrategy forJdbcUrl(String jdbcUrl) {
        String url = jdbcUrl.toLowerCase(Locale.ROOT);
        if (url.startsWith("jdbc:h2:")) {
            return H2Dialect.INSTANCE;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return PostgreSqlDialect.INSTANCE;
        }
        throw new IllegalArgumentException("unsupported JDBC URL " + jdbcUrl
                + ": Sagitta stores sagas in H2 (jdbc:h2:...) or PostgreSQL (jdbc:postgresql:...)");
    }

    /** The strategy for the database behind a data source, by the product name its driver reports. */
    static SqlDialectStrategy forDataSource(DataSource dataSource) {
        String product;
        try (Connection connection = dataSource.getConnection()) {
            product = connection.getMetaData().getDatabaseProductName();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to find out which database this is: " + e.getMessage(), e);
        }
        return forProductName(product);
    }

    /** The strategy for a database product name as JDBC metadata reports it. */
    static SqlDialectStrategy forProductName(String productName) {
        String product = productName.toLowerCase(Locale.ROOT);
        if (product.equals("h2")) {
            return H2Dialect.INSTANCE;
        }
        if (product.equals("postgresql")) {
            return PostgreSqlDialect.INSTANCE;
        }
        throw new IllegalArgumentException("unsupported database " + productName
                + ": Sagitta stores sagas in H2 or PostgreSQL");
    }
}
