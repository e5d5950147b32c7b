package dev.sagitta.persistence.internal;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Brings a database's Sagitta tables up to date with Flyway.
 *
 * <p>The migrations live in {@code classpath:db/sagitta}, not Flyway's default
 * {@code db/migration}, and their history in {@code sagitta_schema_history}: an application that
 * runs Flyway on the same database for its own tables must not pick up Sagitta's migrations, nor
 * Sagitta its. A schema that already holds other tables is fine.
 */
public final class Migrations {

    /** Where the migration scripts are. */
    public static final String LOCATION = "classpath:db/sagitta";

    /** Flyway's history table for Sagitta's migrations. */
    public static final String HISTORY_TABLE = "sagitta_schema_history";

    private Migrations() {
    }

    /** Applies the migrations the database does not have yet. Safe to call on every start. */
    public static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations(LOCATION)
                .table(HISTORY_TABLE)
                // A schema with the application's tables but without our history table is
                // baselined below V1, so that V1 still runs.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }
}
