package dev.sagitta.engine.internal.core;

import dev.sagitta.engine.SagaStatus;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The declared table of saga status changes, and the event that causes each. The state machine may
 * change a status only along this table; the README's status diagram is generated from it.
 */
public final class SagaStatusTransitions {

    /** (from, to) and what causes it, in the order the diagram lists them. */
    private static final Map<String, String> CAUSES = new LinkedHashMap<>();
    private static final Map<SagaStatus, Set<SagaStatus>> ALLOWED = new EnumMap<>(SagaStatus.class);

    static {
        allow(SagaStatus.RUNNING, SagaStatus.COMPLETED, "last step succeeded");
        allow(SagaStatus.RUNNING, SagaStatus.COMPENSATING, "step failed / cancel / deadline");
        allow(SagaStatus.RUNNING, SagaStatus.FAILED, "retriable step out of attempts / pivot outcome unknown");
        allow(SagaStatus.COMPENSATING, SagaStatus.COMPENSATED, "last compensation succeeded");
        allow(SagaStatus.COMPENSATING, SagaStatus.FAILED, "compensation out of attempts");
        allow(SagaStatus.FAILED, SagaStatus.COMPENSATING, "operator: retry or skip a compensation / force compensation");
        allow(SagaStatus.FAILED, SagaStatus.RUNNING, "operator: retry or skip the step that parked it");
        allow(SagaStatus.FAILED, SagaStatus.RESOLVED, "operator: mark resolved");
    }

    private SagaStatusTransitions() {
    }

    private static void allow(SagaStatus from, SagaStatus to, String cause) {
        ALLOWED.computeIfAbsent(from, k -> EnumSet.noneOf(SagaStatus.class)).add(to);
        CAUSES.put(from + "->" + to, cause);
    }

    /** Whether a saga may go from {@code from} to {@code to}; staying put is always allowed. */
    public static boolean isAllowed(SagaStatus from, SagaStatus to) {
        return from == to || ALLOWED.getOrDefault(from, Set.of()).contains(to);
    }

    static void check(SagaStatus from, SagaStatus to) {
        if (!isAllowed(from, to)) {
            throw new IllegalStateException("saga status cannot go from " + from + " to " + to);
        }
    }

    /** The table as a Mermaid state diagram. */
    public static String mermaidDiagram() {
        StringBuilder out = new StringBuilder("stateDiagram-v2\n    [*] --> RUNNING: start\n");
        CAUSES.forEach((edge, cause) -> {
            String[] ends = edge.split("->");
            out.append("    ").append(ends[0]).append(" --> ").append(ends[1]).append(": ").append(cause).append('\n');
        });
        for (SagaStatus status : SagaStatus.values()) {
            if (status.isTerminal()) {
                out.append("    ").append(status).append(" --> [*]\n");
            }
        }
        return out.toString();
    }
}
