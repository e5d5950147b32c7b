package dev.sagitta.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * A started saga instance. Thread-safe; a thin reference (the id and the engine), so it may be kept
 * or rebuilt from the id with {@link SagaEngine#handle(String)}.
 */
public final class SagaHandle {

    private final String sagaId;
    private final SagaEngine engine;
    private final boolean alreadyExisted;

    SagaHandle(String sagaId, SagaEngine engine, boolean alreadyExisted) {
        this.sagaId = Objects.requireNonNull(sagaId, "sagaId");
        this.engine = engine;
        this.alreadyExisted = alreadyExisted;
    }

    public String id() {
        return sagaId;
    }

    /** True when the start found a saga with the same business key and returned it instead. */
    public boolean alreadyExisted() {
        return alreadyExisted;
    }

    /** The saga as it stands now. */
    public SagaView view() {
        return engine.find(sagaId).orElseThrow(() -> new UnknownSagaException(sagaId));
    }

    public SagaStatus status() {
        return view().status();
    }

    /** Waits until the saga is COMPLETED, COMPENSATED or FAILED, and returns that status. */
    public SagaStatus awaitTermination(Duration timeout) {
        return engine.awaitTermination(sagaId, timeout);
    }

    /** Asks the saga to stop and compensate; see {@link SagaEngine#cancel(String, String)}. */
    public CancelResult cancel(String reason) {
        return engine.cancel(sagaId, reason);
    }

    @Override
    public String toString() {
        return "SagaHandle[" + sagaId + "]";
    }
}
