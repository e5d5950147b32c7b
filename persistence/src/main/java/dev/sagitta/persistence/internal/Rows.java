package dev.sagitta.persistence.internal;

import static dev.sagitta.persistence.internal.jooq.Tables.SAGA_INBOX;
import static dev.sagitta.persistence.internal.jooq.Tables.SAGA_INSTANCE;
import static dev.sagitta.persistence.internal.jooq.Tables.SAGA_OUTBOX;
import static dev.sagitta.persistence.internal.jooq.Tables.SAGA_STEP;

import dev.sagitta.engine.SagaStatus;
import dev.sagitta.engine.spi.CommandMessage;
import dev.sagitta.engine.spi.HistoryRecord;
import dev.sagitta.engine.spi.InboxEntry;
import dev.sagitta.engine.spi.OutboxEntry;
import dev.sagitta.engine.spi.SagaRecord;
import dev.sagitta.persistence.internal.jooq.tables.records.SagaInstanceRecord;
import dev.sagitta.persistence.internal.jooq.tables.records.SagaOutboxRecord;
import dev.sagitta.persistence.internal.jooq.tables.records.SagaStepRecord;
import java.util.Arrays;
import java.util.List;
import org.jooq.Field;

/**
 * How SPI values map to table rows. Each {@code *_COLUMNS} list and the matching {@code *Values}
 * method agree on column order: batched statements bind the values by position.
 */
final class Rows {

    /** Statuses of sagas that are not finished: only these are woken up. */
    static final List<String> UNFINISHED_STATUSES = Arrays.stream(SagaStatus.values())
            .filter(status -> !status.isTerminal()).map(Enum::name).toList();

    /** The id comes first: an update sets every column after it. */
    static final List<Field<?>> INSTANCE_COLUMNS = List.of(SAGA_INSTANCE.SAGA_ID, SAGA_INSTANCE.SAGA_TYPE,
            SAGA_INSTANCE.SAGA_VERSION, SAGA_INSTANCE.STATUS, SAGA_INSTANCE.DATA, SAGA_INSTANCE.PROGRESS,
            SAGA_INSTANCE.WAKE_AT, SAGA_INSTANCE.REVISION, SAGA_INSTANCE.CORRELATION_ID, SAGA_INSTANCE.TENANT_ID,
            SAGA_INSTANCE.BUSINESS_KEY, SAGA_INSTANCE.CREATED_AT, SAGA_INSTANCE.UPDATED_AT);

    static final List<Field<?>> STEP_COLUMNS = List.of(SAGA_STEP.SAGA_ID, SAGA_STEP.SEQ, SAGA_STEP.STEP,
            SAGA_STEP.ATTEMPT, SAGA_STEP.KIND, SAGA_STEP.DETAIL, SAGA_STEP.AT);

    /** Every outbox column but insertion_order, which the database assigns. */
    static final List<Field<?>> OUTBOX_COLUMNS = List.of(SAGA_OUTBOX.MESSAGE_ID, SAGA_OUTBOX.SAGA_ID,
            SAGA_OUTBOX.SEQ, SAGA_OUTBOX.MESSAGE_TYPE, SAGA_OUTBOX.SAGA_TYPE, SAGA_OUTBOX.STEP, SAGA_OUTBOX.ATTEMPT,
            SAGA_OUTBOX.COMPENSATION, SAGA_OUTBOX.PARTICIPANT, SAGA_OUTBOX.PAYLOAD, SAGA_OUTBOX.CORRELATION_ID,
            SAGA_OUTBOX.TENANT_ID, SAGA_OUTBOX.CREATED_AT, SAGA_OUTBOX.AVAILABLE_AT);

    static final List<Field<?>> INBOX_COLUMNS = List.of(SAGA_INBOX.MESSAGE_ID, SAGA_INBOX.SAGA_ID,
            SAGA_INBOX.PROCESSED_AT);

    private Rows() {
    }

    static Object[] instanceValues(SagaRecord saga) {
        return new Object[] {saga.sagaId(), saga.sagaType(), saga.sagaVersion(), saga.status().name(), saga.data(),
            saga.progress(), saga.wakeAt(), saga.revision(), saga.correlationId(), saga.tenantId(),
            saga.businessKey(), saga.createdAt(), saga.updatedAt()};
    }

    static Object[] stepValues(HistoryRecord entry) {
        return new Object[] {entry.sagaId(), entry.seq(), entry.step(), entry.attempt(), entry.kind(),
            entry.detail(), entry.at()};
    }

    static Object[] outboxValues(OutboxEntry entry) {
        CommandMessage command = entry.command();
        return new Object[] {command.messageId(), command.sagaId(), entry.seq(), command.messageType(),
            command.sagaType(), command.step(), command.attempt(), command.compensation(), command.participant(),
            command.payload(), command.correlationId(), command.tenantId(), command.createdAt(),
            entry.availableAt()};
    }

    static Object[] inboxValues(InboxEntry entry) {
        return new Object[] {entry.messageId(), entry.sagaId(), entry.at()};
    }

    static SagaRecord toSaga(SagaInstanceRecord row) {
        return new SagaRecord(row.getSagaId(), row.getSagaType(), row.getSagaVersion(),
                SagaStatus.valueOf(row.getStatus()), row.getData(), row.getProgress(), row.getWakeAt(),
                row.getRevision(), row.getCorrelationId(), row.getTenantId(), row.getBusinessKey(),
                row.getCreatedAt(), row.getUpdatedAt());
    }

    static HistoryRecord toHistory(SagaStepRecord row) {
        return new HistoryRecord(row.getSagaId(), row.getSeq(), row.getStep(), row.getAttempt(), row.getKind(),
                row.getDetail(), row.getAt());
    }

    static CommandMessage toCommand(SagaOutboxRecord row) {
        return new CommandMessage(row.getMessageId(), row.getMessageType(), row.getSagaId(), row.getSagaType(),
                row.getStep(), row.getAttempt(), row.getCompensation(), row.getParticipant(), row.getPayload(),
                row.getCorrelationId(), row.getTenantId(), row.getCreatedAt());
    }
}
