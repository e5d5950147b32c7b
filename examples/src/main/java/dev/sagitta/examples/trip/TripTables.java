package dev.sagitta.examples.trip;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Creates and migrates the example's own tables ({@code db/trip}), with a Flyway history of their
 * own ({@code trip_schema_history}), so they evolve apart from Sagitta's tables whether or not they
 * share a database with them. Stateless.
 */
final class TripTables {

    private TripTables() {
    }

    static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/trip")
                .table("trip_schema_history")
                // The saga tables may already be there: start this history below the example's V1.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }
}
