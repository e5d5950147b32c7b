package dev.sagitta.persistence.internal;

import com.zaxxer.hikari.HikariConfig;
import java.util.Set;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.SelectForStep;
import org.jooq.SelectForUpdateStep;

/** PostgreSQL 15 and later. */
final class PostgreSqlDialect implements SqlDialectStrategy {

    static final PostgreSqlDialect INSTANCE = new PostgreSqlDialect();

    /** unique_violation, serialization_failure, deadlock_detected. */
    private static final Set<String> LOST_RACE_STATES = Set.of("23505", "40001", "40P01");

    private PostgreSqlDialect() {
    }

    @Override
    public SQLDialect jooqDialect() {
        return SQLDialect.POSTGRES;
    }

    @Override
    public <R extends Record> SelectForStep<R> lockForClaim(SelectForUpdateStep<R> select) {
        return select.forUpdate().skipLocked();
    }

    /** pgjdbc sends every part of a multi-statement prepared statement before one Sync. */
    @Override
    public boolean pipelinesMultiStatements() {
        return true;
    }

    @Override
    public boolean isLostRace(String sqlState) {
        return LOST_RACE_STATES.contains(sqlState);
    }

    /**
     * Lets the driver send a batch of inserts as multi-row inserts, a large gain when a commit
     * writes many sagas. A value in the URL wins over this default.
     */
    @Override
    public void tunePool(HikariConfig pool) {
        pool.addDataSourceProperty("reWriteBatchedInserts", "true");
    }

    @Override
    public String toString() {
        return "PostgreSQL";
    }
}
