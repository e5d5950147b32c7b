package dev.sagitta.persistence.internal;

import com.zaxxer.hikari.HikariConfig;
import java.util.Set;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.SelectForStep;
import org.jooq.SelectForUpdateStep;

/**
 * H2 2.x, best run in {@code MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE}; the store renders unquoted
 * names, so other modes work too.
 *
 * <p>H2 2.5 supports {@code FOR UPDATE SKIP LOCKED} on its MVStore engine, and both a locking
 * select and an update re-check their condition against the row once they hold its lock, so the
 * claim is the same as on PostgreSQL. H2 remains a single writer, so claims and commits mostly
 * take turns.
 */
final class H2Dialect implements SqlDialectStrategy {

    static final H2Dialect INSTANCE = new H2Dialect();

    /**
     * Unique index violation, deadlock (H2 reports 40001), and lock timeout: a transaction that
     * waited too long for another's row lock lost the same kind of race.
     */
    private static final Set<String> LOST_RACE_STATES = Set.of("23505", "40001", "HYT00");

    private H2Dialect() {
    }

    @Override
    public SQLDialect jooqDialect() {
        return SQLDialect.H2;
    }

    @Override
    public <R extends Record> SelectForStep<R> lockForClaim(SelectForUpdateStep<R> select) {
        return select.forUpdate().skipLocked();
    }

    /** H2 runs one statement per prepared statement. */
    @Override
    public boolean pipelinesMultiStatements() {
        return false;
    }

    @Override
    public boolean isLostRace(String sqlState) {
        return LOST_RACE_STATES.contains(sqlState);
    }

    /** Nothing to add: H2 takes its settings from the URL. */
    @Override
    public void tunePool(HikariConfig pool) {
    }

    @Override
    public String toString() {
        return "H2";
    }
}
