package dev.sagitta.persistence.internal;

import static dev.sagitta.persistence.internal.jooq.Tables.SAGA_INBOX;
import static dev.sagitta.persistence.internal.jooq.Tables.SAGA_INSTANCE;
import static dev.sagitta.persistence.internal.jooq.Tables.SAGA_STEP;

import dev.sagitta.engine.spi.HistoryRecord;
import dev.sagitta.engine.spi.OutboxEntry;
import dev.sagitta.engine.spi.SagaRecord;
import dev.sagitta.engine.spi.SagaStore;
import dev.sagitta.engine.spi.SagaTypeVersion;
import dev.sagitta.engine.spi.StoreConflictException;
import dev.sagitta.engine.spi.TransitionBatch;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/**
 * The {@link SagaStore} on H2 or PostgreSQL, through jOOQ and the classes it generates from the
 * Flyway migrations. The tables must exist already: {@code SagaDatabase} migrates them.
 *
 * <p>Thread-safe; connections come from the data source, one per call. {@link #commit} is one
 * transaction whose revision checks and unique keys make it all or nothing, and claims lock their
 * rows with {@code FOR UPDATE SKIP LOCKED}, so several engine nodes can share the database.
 * Conflicts surface as {@link StoreConflictException}; other database failures as jOOQ's
 * unchecked {@link DataAccessException}.
 */
public final class JooqSagaStore implements SagaStore {

    private static final int IN_LIST_CHUNK = 1_000;

    private final DataSource dataSource;
    private final DSLContext db;
    private final SqlDialectStrategy dialect;
    private final TransitionWriter writer;
    private final LeaseClaims claims;

    public JooqSagaStore(DataSource dataSource, SqlDialectStrategy dialect) {
        this.dialect = dialect;
        this.claims = new LeaseClaims(dialect);
        // Unquoted names work whatever case an H2 database folds identifiers to.
        Settings settings = new Settings()
                .withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_UNQUOTED)
                .withExecuteLogging(false);
        this.db = DSL.using(dataSource, dialect.jooqDialect(), settings);
        this.dataSource = dataSource;
        this.writer = new TransitionWriter(db, dialect.pipelinesMultiStatements());
    }

    @Override
    public Map<String, SagaRecord> load(Collection<String> sagaIds) {
        Map<String, SagaRecord> found = new HashMap<>();
        for (List<String> chunk : Chunks.of(new LinkedHashSet<>(sagaIds), IN_LIST_CHUNK)) {
            db.selectFrom(SAGA_INSTANCE).where(SAGA_INSTANCE.SAGA_ID.in(chunk))
                    .forEach(row -> found.put(row.getSagaId(), Rows.toSaga(row)));
        }
        return Map.copyOf(found);
    }

    @Override
    public Optional<String> findIdByBusinessKey(String sagaType, String businessKey) {
        return db.select(SAGA_INSTANCE.SAGA_ID).from(SAGA_INSTANCE)
                .where(SAGA_INSTANCE.SAGA_TYPE.eq(sagaType))
                .and(SAGA_INSTANCE.BUSINESS_KEY.eq(businessKey))
                .fetchOptional(SAGA_INSTANCE.SAGA_ID);
    }

    @Override
    public Set<String> processedMessageIds(Collection<String> messageIds) {
        Set<String> processed = new HashSet<>();
        for (List<String> chunk : Chunks.of(new LinkedHashSet<>(messageIds), IN_LIST_CHUNK)) {
            processed.addAll(db.select(SAGA_INBOX.MESSAGE_ID).from(SAGA_INBOX)
                    .where(SAGA_INBOX.MESSAGE_ID.in(chunk)).fetch(SAGA_INBOX.MESSAGE_ID));
        }
        return Set.copyOf(processed);
    }

    @Override
    public void commit(TransitionBatch batch) {
        if (batch.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            if (writer.commitsInOneStatement(batch)) {
                writeAndCommit(connection, batch);
                return;
            }
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                writer.write(connection, batch);
                connection.commit();
            } catch (Throwable failure) {
                // Any failure, Errors included: restoring auto-commit below would otherwise commit
                // whatever part of the batch had been written.
                rollBack(connection, failure);
                throw failure;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException failure) {
            String lostRace = lostRaceState(failure);
            if (lostRace != null) {
                throw new StoreConflictException("the transaction lost a race (SQLState " + lostRace + "): "
                        + failure.getMessage(), failure);
            }
            throw new DataAccessException("could not commit " + batch.updates().size() + " saga updates and "
                    + batch.inserts().size() + " new sagas: " + failure.getMessage(), failure);
        }
    }

    /** In auto-commit mode, where the writer's one statement is its own transaction. */
    private void writeAndCommit(Connection connection, TransitionBatch batch) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        if (!autoCommit) {
            connection.setAutoCommit(true);
        }
        try {
            writer.writeAndCommit(connection, batch);
        } finally {
            if (!autoCommit) {
                connection.setAutoCommit(false);
            }
        }
    }

    @Override
    public List<String> claimDueSagas(Instant now, Instant leaseUntil, int limit) {
        requirePositive(limit);
        return inTransaction(tx -> claims.claimDueSagas(tx, now, leaseUntil, limit));
    }

    @Override
    public List<OutboxEntry> claimOutbox(Instant now, Instant leaseUntil, int limit) {
        requirePositive(limit);
        return inTransaction(tx -> claims.claimOutbox(tx, now, leaseUntil, limit));
    }

    @Override
    public List<HistoryRecord> history(String sagaId) {
        return db.selectFrom(SAGA_STEP).where(SAGA_STEP.SAGA_ID.eq(sagaId)).orderBy(SAGA_STEP.SEQ)
                .fetch(Rows::toHistory);
    }

    @Override
    public List<String> unfinishedSagaIds(int limit) {
        requirePositive(limit);
        return db.select(SAGA_INSTANCE.SAGA_ID).from(SAGA_INSTANCE)
                .where(SAGA_INSTANCE.STATUS.in(Rows.UNFINISHED_STATUSES))
                .orderBy(SAGA_INSTANCE.CREATED_AT, SAGA_INSTANCE.SAGA_ID)
                .limit(limit)
                .fetch(SAGA_INSTANCE.SAGA_ID);
    }

    @Override
    public List<SagaRecord> stalledSagas(Instant noProgressSince, int limit) {
        requirePositive(limit);
        return db.selectFrom(SAGA_INSTANCE)
                .where(SAGA_INSTANCE.STATUS.in(Rows.UNFINISHED_STATUSES))
                .and(SAGA_INSTANCE.WAKE_AT.isNull().or(SAGA_INSTANCE.UPDATED_AT.lt(noProgressSince)))
                .orderBy(SAGA_INSTANCE.UPDATED_AT, SAGA_INSTANCE.SAGA_ID)
                .limit(limit)
                .fetch(Rows::toSaga);
    }

    @Override
    public Set<SagaTypeVersion> unfinishedTypeVersions() {
        return db.selectDistinct(SAGA_INSTANCE.SAGA_TYPE, SAGA_INSTANCE.SAGA_VERSION).from(SAGA_INSTANCE)
                .where(SAGA_INSTANCE.STATUS.in(Rows.UNFINISHED_STATUSES))
                .fetchSet(row -> new SagaTypeVersion(row.value1(), row.value2()));
    }

    @Override
    public String toString() {
        return "JooqSagaStore[" + dialect + "]";
    }

    /** Runs the work in one transaction, rolled back if it throws; a lost race becomes a conflict. */
    private <T> T inTransaction(TransactionalWork<T> work) {
        try {
            return db.transactionResult(configuration -> work.run(configuration.dsl()));
        } catch (DataAccessException failure) {
            String lostRace = lostRaceState(failure);
            if (lostRace != null) {
                throw new StoreConflictException("the transaction lost a race (SQLState " + lostRace + "): "
                        + failure.getMessage(), failure);
            }
            throw failure;
        }
    }

    private static void rollBack(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException | RuntimeException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
    }

    /** The SQLState that shows a lost race, looking through causes and chained batch errors. */
    private @Nullable String lostRaceState(Throwable failure) {
        Set<Throwable> seen = new HashSet<>();
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            if (cause instanceof SQLException sqlFailure) {
                for (SQLException next = sqlFailure; next != null; next = next.getNextException()) {
                    if (next.getSQLState() != null && dialect.isLostRace(next.getSQLState())) {
                        return next.getSQLState();
                    }
                }
            }
        }
        return null;
    }

    private static void requirePositive(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
    }

    @FunctionalInterface
    private interface TransactionalWork<T> {
        T run(DSLContext tx);
    }
}
