package dev.sagitta.engine.internal.core;

import dev.sagitta.engine.SagaStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A saga instance as the state machine sees it. Immutable.
 *
 * @param sagaId            the instance
 * @param sagaType          the definition's name
 * @param version           the definition version it is pinned to
 * @param status            its status
 * @param data              the saga data, encoded
 * @param steps             every step of the definition, in definition order
 * @param compensationPlan  steps still to compensate, in the order they will be
 * @param deadlineAt        when the saga is cancelled if still running before its pivot, or null
 * @param historySeq        the seq of the last timeline entry written
 * @param reason            why it compensated or failed, if it did
 * @param correlationId     business correlation id, if any
 * @param tenantId          tenant, if any
 * @param businessKey       idempotent-start key, if any
 * @param createdAt         when it started
 */
public record SagaState(
        String sagaId,
        String sagaType,
        int version,
        SagaStatus status,
        String data,
        List<StepState> steps,
        List<String> compensationPlan,
        @Nullable Instant deadlineAt,
        int historySeq,
        @Nullable String reason,
        @Nullable String correlationId,
        @Nullable String tenantId,
        @Nullable String businessKey,
        Instant createdAt) {

    public SagaState {
        Objects.requireNonNull(sagaId, "sagaId");
        Objects.requireNonNull(sagaType, "sagaType");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(createdAt, "createdAt");
        steps = List.copyOf(steps);
        compensationPlan = List.copyOf(compensationPlan);
    }

    public Optional<StepState> step(String name) {
        for (StepState step : steps) {
            if (step.name().equals(name)) {
                return Optional.of(step);
            }
        }
        return Optional.empty();
    }

    /**
     * When the saga next needs attention: the earliest step timer, or its deadline while it can
     * still be compensated. Null when it only waits for messages, or is terminal.
     */
    public @Nullable Instant wakeAt(boolean deadlineApplies) {
        if (status.isTerminal()) {
            return null;
        }
        Instant earliest = deadlineApplies ? deadlineAt : null;
        for (StepState step : steps) {
            Instant timer = step.timerAt();
            if (timer != null && (earliest == null || timer.isBefore(earliest))) {
                earliest = timer;
            }
        }
        return earliest;
    }

    /** The step names in definition order. */
    public List<String> stepNames() {
        List<String> names = new ArrayList<>(steps.size());
        steps.forEach(s -> names.add(s.name()));
        return names;
    }
}
