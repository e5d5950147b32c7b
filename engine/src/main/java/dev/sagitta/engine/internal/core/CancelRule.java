package dev.sagitta.engine.internal.core;

import dev.sagitta.engine.SagaStatus;
import org.jspecify.annotations.Nullable;

/** When a saga may be cancelled: while it runs and has not started its pivot. */
final class CancelRule {

    private CancelRule() {
    }

    /** Why the saga cannot be cancelled now, or null if it can. */
    static @Nullable String refusal(TransitionWork work) {
        if (work.status() != SagaStatus.RUNNING) {
            return "saga is already " + work.status();
        }
        if (work.pastPointOfNoReturn()) {
            return work.definition.isOpen()
                    ? "saga is closing: its enlisted steps are being confirmed and can no longer be undone"
                    : "saga has passed its pivot and can no longer be cancelled";
        }
        return null;
    }
}
