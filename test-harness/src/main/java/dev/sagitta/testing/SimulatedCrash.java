package dev.sagitta.testing;

/**
 * Thrown into a crashed engine by the harness's store and transport when a {@link FaultPlan}
 * crashes it: from then on nothing that engine does reaches the store or the broker, and the
 * harness starts a new engine on the same store, as a restarted process would.
 */
public final class SimulatedCrash extends RuntimeException {

    private static final long serialVersionUID = 1L;

    SimulatedCrash(String message) {
        super(message, null, false, false);
    }
}
