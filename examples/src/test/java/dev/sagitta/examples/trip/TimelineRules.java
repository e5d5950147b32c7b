package dev.sagitta.examples.trip;

import dev.sagitta.engine.SagaStatus;
import dev.sagitta.examples.trip.SagaRows.Entry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a saga's timeline looks like when no transition was applied twice. The primary key already
 * keeps seq unique; these rules catch the same event applied twice under two seqs, which is what
 * two nodes (or a node and its own restart) racing on one saga would leave behind.
 */
final class TimelineRules {

    private static final Set<String> TERMINAL = Set.of("SAGA_COMPLETED", "SAGA_COMPENSATED", "SAGA_FAILED");

    private TimelineRules() {
    }

    /** The rules this timeline breaks; empty when it keeps them all. */
    static List<String> violations(SagaStatus status, List<Entry> timeline) {
        List<String> violations = new ArrayList<>();
        for (int i = 0; i < timeline.size(); i++) {
            if (timeline.get(i).seq() != i + 1) {
                violations.add("seq " + timeline.get(i).seq() + " where " + (i + 1) + " was due: an entry is missing");
                break;
            }
        }
        if (timeline.isEmpty() || !"SAGA_STARTED".equals(timeline.get(0).kind())) {
            violations.add("does not begin with SAGA_STARTED");
        }
        atMostOnce(timeline, "COMMAND_SENT", true, violations);
        atMostOnce(timeline, "STEP_STARTED", true, violations);
        atMostOnce(timeline, "STEP_COMPENSATING", true, violations);
        atMostOnce(timeline, "STEP_SUCCEEDED", false, violations);
        atMostOnce(timeline, "STEP_FAILED", false, violations);
        atMostOnce(timeline, "STEP_COMPENSATED", false, violations);
        atMostOnce(timeline, "COMPENSATION_STARTED", false, violations);
        terminalEntry(status, timeline, violations);
        return violations;
    }

    /** At most one entry of {@code kind} per step, or per step attempt. */
    private static void atMostOnce(List<Entry> timeline, String kind, boolean perAttempt, List<String> violations) {
        Map<String, Integer> counts = new HashMap<>();
        for (Entry entry : timeline) {
            if (entry.kind().equals(kind)) {
                counts.merge(entry.step() + (perAttempt ? "#" + entry.attempt() : ""), 1, Integer::sum);
            }
        }
        counts.forEach((key, count) -> {
            if (count > 1) {
                violations.add(kind + " " + count + " times for " + key);
            }
        });
    }

    /** Exactly one terminal entry, matching the saga's status, followed by nothing but ignored messages. */
    private static void terminalEntry(SagaStatus status, List<Entry> timeline, List<String> violations) {
        List<Entry> terminal = timeline.stream().filter(entry -> TERMINAL.contains(entry.kind())).toList();
        if (terminal.size() != 1) {
            violations.add(terminal.size() + " terminal entries");
            return;
        }
        Entry end = terminal.get(0);
        if (!end.kind().equals("SAGA_" + status)) {
            violations.add("ends with " + end.kind() + " but the saga is " + status);
        }
        timeline.stream()
                .filter(entry -> entry.seq() > end.seq() && !entry.kind().equals("MESSAGE_IGNORED"))
                .forEach(entry -> violations.add(entry.kind() + " after " + end.kind()));
    }
}
