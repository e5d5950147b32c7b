package dev.sagitta.persistence.internal;

import static dev.sagitta.persistence.internal.jooq.Tables.SAGA_DEAD_LETTER;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sagitta.engine.spi.DeadLetter;
import dev.sagitta.engine.spi.DeadLetterFilter;
import dev.sagitta.engine.spi.DeadLetterKind;
import dev.sagitta.engine.spi.DeadLetterStatus;
import dev.sagitta.engine.spi.DeadLetterStore;
import dev.sagitta.engine.spi.StoreConflictException;
import dev.sagitta.persistence.internal.jooq.tables.records.SagaDeadLetterRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * The {@link DeadLetterStore} on H2 or PostgreSQL, in table {@code saga_dead_letter} (migration
 * V2), through jOOQ and the classes it generates from the migrations. The table must exist
 * already: {@code SagaDatabase} migrates it.
 *
 * <p>Thread-safe; connections come from the data source, one per call, and every call is one
 * statement committed on its own. {@link #settle} is a single conditional update that changes the
 * row only while it is still {@code PENDING}; both databases re-check that condition once they
 * hold the row's lock, so of several concurrent callers, on any node, exactly one wins.
 *
 * <p>Headers are kept as a JSON object of strings, the payload as text. Adding a letter whose id
 * is taken throws {@link StoreConflictException}; other database failures surface as jOOQ's
 * unchecked {@link DataAccessException}.
 */
public final class JooqDeadLetterStore implements DeadLetterStore {

    /** unique_violation, the same on both databases. */
    private static final String UNIQUE_VIOLATION = "23505";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };

    private final DSLContext db;
    private final SqlDialectStrategy dialect;

    public JooqDeadLetterStore(DataSource dataSource, SqlDialectStrategy dialect) {
        this.dialect = dialect;
        // Unquoted names work whatever case an H2 database folds identifiers to.
        Settings settings = new Settings()
                .withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_UNQUOTED)
                .withExecuteLogging(false);
        this.db = DSL.using(dataSource, dialect.jooqDialect(), settings);
    }

    @Override
    public void add(DeadLetter letter) {
        Objects.requireNonNull(letter, "letter");
        try {
            db.insertInto(SAGA_DEAD_LETTER)
                    .set(SAGA_DEAD_LETTER.ID, letter.id())
                    .set(SAGA_DEAD_LETTER.KIND, letter.kind().name())
                    .set(SAGA_DEAD_LETTER.REASON, letter.reason())
                    .set(SAGA_DEAD_LETTER.SOURCE, letter.source())
                    .set(SAGA_DEAD_LETTER.MESSAGE_ID, letter.messageId())
                    .set(SAGA_DEAD_LETTER.MESSAGE_TYPE, letter.messageType())
                    .set(SAGA_DEAD_LETTER.SAGA_ID, letter.sagaId())
                    .set(SAGA_DEAD_LETTER.HEADERS, headersJson(letter))
                    .set(SAGA_DEAD_LETTER.PAYLOAD, letter.payload())
                    .set(SAGA_DEAD_LETTER.ATTEMPTS, letter.attempts())
                    .set(SAGA_DEAD_LETTER.CREATED_AT, letter.createdAt())
                    .set(SAGA_DEAD_LETTER.STATUS, letter.status().name())
                    .set(SAGA_DEAD_LETTER.SETTLED_AT, letter.settledAt())
                    .set(SAGA_DEAD_LETTER.SETTLED_BY, letter.settledBy())
                    .execute();
        } catch (DataAccessException failure) {
            if (UNIQUE_VIOLATION.equals(failure.sqlState())) {
                throw new StoreConflictException("dead letter id " + letter.id()
                        + " is already taken; give each dead letter a new id", failure);
            }
            throw failure;
        }
    }

    @Override
    public Optional<DeadLetter> find(String id) {
        Objects.requireNonNull(id, "id");
        return db.selectFrom(SAGA_DEAD_LETTER).where(SAGA_DEAD_LETTER.ID.eq(id))
                .fetchOptional(JooqDeadLetterStore::toLetter);
    }

    @Override
    public List<DeadLetter> list(DeadLetterFilter filter, int limit) {
        Objects.requireNonNull(filter, "filter");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        return db.selectFrom(SAGA_DEAD_LETTER)
                .where(conditions(filter))
                .orderBy(SAGA_DEAD_LETTER.CREATED_AT, SAGA_DEAD_LETTER.ID)
                .limit(limit)
                .fetch(JooqDeadLetterStore::toLetter);
    }

    @Override
    public boolean settle(String id, DeadLetterStatus to, String by, Instant at) {
        Objects.requireNonNull(id, "id");
        requireSettled(to);
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
        int changed = db.update(SAGA_DEAD_LETTER)
                .set(SAGA_DEAD_LETTER.STATUS, to.name())
                .set(SAGA_DEAD_LETTER.SETTLED_AT, at)
                .set(SAGA_DEAD_LETTER.SETTLED_BY, by)
                .where(SAGA_DEAD_LETTER.ID.eq(id))
                .and(SAGA_DEAD_LETTER.STATUS.eq(DeadLetterStatus.PENDING.name()))
                .execute();
        return changed == 1;
    }

    @Override
    public int purgeCreatedBefore(Instant cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        return db.deleteFrom(SAGA_DEAD_LETTER).where(SAGA_DEAD_LETTER.CREATED_AT.lt(cutoff)).execute();
    }

    @Override
    public String toString() {
        return "JooqDeadLetterStore[" + dialect + "]";
    }

    /** Settling moves a letter out of PENDING, so PENDING is no target. */
    private static void requireSettled(DeadLetterStatus to) {
        Objects.requireNonNull(to, "to");
        if (to == DeadLetterStatus.PENDING) {
            throw new IllegalArgumentException("to must be RETRIED or DISCARDED, was PENDING");
        }
    }

    private static List<Condition> conditions(DeadLetterFilter filter) {
        List<Condition> conditions = new ArrayList<>();
        if (filter.status() != null) {
            conditions.add(SAGA_DEAD_LETTER.STATUS.eq(filter.status().name()));
        }
        if (filter.kind() != null) {
            conditions.add(SAGA_DEAD_LETTER.KIND.eq(filter.kind().name()));
        }
        if (filter.sagaId() != null) {
            conditions.add(SAGA_DEAD_LETTER.SAGA_ID.eq(filter.sagaId()));
        }
        if (filter.source() != null) {
            conditions.add(SAGA_DEAD_LETTER.SOURCE.eq(filter.source()));
        }
        if (filter.createdBefore() != null) {
            conditions.add(SAGA_DEAD_LETTER.CREATED_AT.lt(filter.createdBefore()));
        }
        return conditions;
    }

    private static DeadLetter toLetter(SagaDeadLetterRecord row) {
        return new DeadLetter(row.getId(), DeadLetterKind.valueOf(row.getKind()), row.getReason(), row.getSource(),
                row.getMessageId(), row.getMessageType(), row.getSagaId(), headers(row), row.getPayload(),
                row.getAttempts(), row.getCreatedAt(), DeadLetterStatus.valueOf(row.getStatus()), row.getSettledAt(),
                row.getSettledBy());
    }

    private static String headersJson(DeadLetter letter) {
        try {
            return JSON.writeValueAsString(letter.headers());
        } catch (JsonProcessingException e) {
            // A map of strings always serialises; this would be a Jackson bug.
            throw new IllegalStateException("cannot write the headers of dead letter " + letter.id() + " as JSON", e);
        }
    }

    private static Map<String, String> headers(SagaDeadLetterRecord row) {
        try {
            return JSON.readValue(row.getHeaders(), HEADERS);
        } catch (JsonProcessingException e) {
            throw new DataAccessException("the headers of dead letter " + row.getId()
                    + " in saga_dead_letter are not a JSON object of strings: " + e.getOriginalMessage(), e);
        }
    }
}
