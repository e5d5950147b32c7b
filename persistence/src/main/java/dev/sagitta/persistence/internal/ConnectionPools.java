package dev.sagitta.persistence.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.jspecify.annotations.Nullable;

/** Opens the HikariCP pools the store runs on. */
public final class ConnectionPools {

    private ConnectionPools() {
    }

    /** A pool with HikariCP's defaults (up to 10 connections) plus what the dialect needs. */
    public static HikariDataSource open(String jdbcUrl, @Nullable String user, @Nullable String password,
            SqlDialectStrategy dialect) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("sagitta");
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        dialect.tunePool(config);
        return new HikariDataSource(config);
    }
}
