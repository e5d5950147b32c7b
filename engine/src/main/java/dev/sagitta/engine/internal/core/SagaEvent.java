package dev.sagitta.engine.internal.core;

import dev.sagitta.dsl.ErrorCodes;
import dev.sagitta.engine.spi.ReplyMessage;
import java.time.Duration;
import java.util.Objects;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/** Something that moves a saga: every transition is the answer to one event. */
public sealed interface SagaEvent {

    /** Starts a new instance. */
    record Start(String sagaId, String sagaType, int version, String data,
            @Nullable String correlationId, @Nullable String tenantId, @Nullable String businessKey)
            implements SagaEvent {
        public Start {
            Objects.requireNonNull(sagaId, "sagaId");
            Objects.requireNonNull(sagaType, "sagaType");
            Objects.requireNonNull(data, "data");
        }
    }

    /** A participant answered a command. */
    record ReplyReceived(ReplyMessage reply) implements SagaEvent {
        public ReplyReceived {
            Objects.requireNonNull(reply, "reply");
        }
    }

    /**
     * A local step or local compensation finished running.
     *
     * @param errorCode the failure's {@link ErrorCodes error code}; null on success
     *                  and for a business refusal without one
     */
    record LocalFinished(String step, int attempt, boolean compensation, LocalOutcome outcome,
            @Nullable String data, @Nullable String error, @Nullable String errorCode) implements SagaEvent {
        public LocalFinished {
            Objects.requireNonNull(step, "step");
            Objects.requireNonNull(outcome, "outcome");
        }

        /** Without a code of its own: a transient failure is {@link ErrorCodes#UNEXPECTED}. */
        public LocalFinished(String step, int attempt, boolean compensation, LocalOutcome outcome,
                @Nullable String data, @Nullable String error) {
            this(step, attempt, compensation, outcome, data, error,
                    outcome == LocalOutcome.FAILED_TRANSIENT ? ErrorCodes.UNEXPECTED : null);
        }
    }

    /**
     * Work done outside the engine joins an open saga as its next enlisted step.
     *
     * @param definitionKey the {@code name:vN} the caller expects the saga to be, since
     *                      {@code addToData} is typed by it
     * @param addToData     records the step in the saga data: given the data and the new step's name,
     *                      returns the new data; must be pure, as the event may be applied again
     * @param completes     the step is to be confirmed when the saga closes
     * @param timeout       from now, the saga's deadline if none is sooner; null for none
     */
    record Enlist(String definitionKey, BiFunction<Object, String, Object> addToData, boolean completes,
            @Nullable Duration timeout) implements SagaEvent {
        public Enlist {
            Objects.requireNonNull(definitionKey, "definitionKey");
            Objects.requireNonNull(addToData, "addToData");
        }
    }

    /** An open saga is closed: its enlisted steps are confirmed, last enlisted first, and it completes. */
    record Close() implements SagaEvent {
    }

    /** The saga's wake-up time came: fire whatever timers are due. */
    record WakeUp() implements SagaEvent {
    }

    /** Someone asked to stop the saga and undo it. */
    record Cancel(String reason) implements SagaEvent {
        public Cancel {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * An operator acted on the saga.
     *
     * @param action   what to do
     * @param step     the step it concerns, for actions on one step; null otherwise
     * @param operator who, as the caller names them
     * @param reason   why, in the operator's words
     * @param data     what the operator gives the action, encoded: for {@link Action#SKIP_STEP}, the
     *                 step's result; null otherwise and for a skip that leaves the saga's data as is
     */
    record OperatorAction(Action action, @Nullable String step, String operator, String reason, @Nullable String data)
            implements SagaEvent {
        public OperatorAction {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(operator, "operator");
            Objects.requireNonNull(reason, "reason");
        }

        /** An action that takes no data. */
        public OperatorAction(Action action, @Nullable String step, String operator, String reason) {
            this(action, step, operator, reason, null);
        }

        /** What an operator can ask for. */
        public enum Action {
            /** Run the step's next attempt (or its compensation's) now, even from FAILED. */
            RETRY_NOW,
            /** Stop going forward and undo what was done, even past the pivot or from FAILED. */
            FORCE_COMPENSATION,
            /** Count the step (or its compensation) as done without it, with the operator's result. */
            SKIP_STEP,
            /** Close a FAILED saga as RESOLVED: the operator settled what was left by hand. */
            MARK_RESOLVED,
            /** Stop a running saga before its pivot and compensate, as {@link Cancel}, with who asked. */
            CANCEL
        }
    }

    /** How a local function ended. */
    enum LocalOutcome {
        SUCCEEDED,
        /** It threw: may work if tried again. */
        FAILED_TRANSIENT,
        /** It threw {@link dev.sagitta.dsl.StepFailedException}: a business failure, not retried. */
        FAILED_BUSINESS
    }
}
