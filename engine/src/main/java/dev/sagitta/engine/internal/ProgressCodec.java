package dev.sagitta.engine.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sagitta.engine.StepStatus;
import dev.sagitta.engine.SagaException;
import dev.sagitta.engine.internal.core.SagaState;
import dev.sagitta.engine.internal.core.StepState;
import dev.sagitta.engine.spi.SagaRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Converts between the state machine's {@link SagaState} and the store's {@link SagaRecord}: the
 * per-step state travels as compact JSON in {@link SagaRecord#progress()}. Thread-safe.
 */
final class ProgressCodec {

    // One mapper for every engine in the JVM: it is thread-safe, and a fresh one per engine would
    // introspect the progress classes again each time an engine starts.
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ObjectMapper mapper = MAPPER;

    SagaState toState(SagaRecord record) {
        Progress progress;
        try {
            progress = mapper.readValue(record.progress(), Progress.class);
        } catch (JsonProcessingException e) {
            throw new SagaException("Saga " + record.sagaId() + " has unreadable progress in the store: "
                    + e.getOriginalMessage(), e);
        }
        List<StepState> steps = new ArrayList<>();
        for (StepJson s : progress.steps()) {
            steps.add(new StepState(s.n(), StepStatus.valueOf(s.s()), s.a(), s.c(), instant(s.t()), s.u(), s.e(),
                    s.l()));
        }
        return new SagaState(record.sagaId(), record.sagaType(), record.sagaVersion(), record.status(),
                record.data(), steps, progress.plan(), instant(progress.deadline()), progress.seq(), progress.reason(),
                record.correlationId(), record.tenantId(), record.businessKey(), record.createdAt());
    }

    SagaRecord toRecord(SagaState state, @Nullable Instant wakeAt, long revision, Instant updatedAt) {
        List<StepJson> steps = new ArrayList<>();
        for (StepState s : state.steps()) {
            steps.add(new StepJson(s.name(), s.phase().name(), s.attempt(), s.compensationAttempt(), millis(s.timerAt()),
                    s.outcomeUnknown(), s.lastError(), s.leaseExpiries()));
        }
        Progress progress = new Progress(steps, state.compensationPlan(), millis(state.deadlineAt()),
                state.historySeq(), state.reason());
        String json;
        try {
            json = mapper.writeValueAsString(progress);
        } catch (JsonProcessingException e) {
            throw new SagaException("cannot encode the progress of saga " + state.sagaId(), e);
        }
        return new SagaRecord(state.sagaId(), state.sagaType(), state.version(), state.status(), state.data(), json,
                wakeAt, revision, state.correlationId(), state.tenantId(), state.businessKey(), state.createdAt(),
                updatedAt);
    }

    private static @Nullable Long millis(@Nullable Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    private static @Nullable Instant instant(@Nullable Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }

    /** Short field names: this JSON is written with every transition. */
    record Progress(List<StepJson> steps, List<String> plan, @Nullable Long deadline, int seq,
            @Nullable String reason) {
    }

    record StepJson(String n, String s, int a, int c, @Nullable Long t, boolean u, @Nullable String e, int l) {
    }
}
