package dev.sagitta.examples.trip;

import dev.sagitta.engine.SagaStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Sagitta's own tables read with plain SQL: what the database says about each saga, whichever
 * process (or none) is running the engine.
 */
final class SagaRows {

    /** Opens a connection to the database holding the sagas. */
    @FunctionalInterface
    interface Connections {
        Connection open() throws SQLException;
    }

    /** One row of a saga's timeline ({@code saga_step}). */
    record Entry(int seq, @Nullable String step, int attempt, String kind, @Nullable String detail) {

        @Override
        public String toString() {
            return String.format("%3d %-27s %-20s %s", seq, kind, step == null ? "" : step + "#" + attempt,
                    detail == null ? "" : detail);
        }
    }

    /** Every saga's status and timeline, read together. */
    record Snapshot(Map<String, SagaStatus> statuses, Map<String, List<Entry>> timelines) {

        /** The sagas that ended neither COMPLETED nor COMPENSATED (or have not ended), each with its timeline. */
        List<String> neitherCompletedNorCompensated() {
            List<String> found = new ArrayList<>();
            statuses.forEach((sagaId, status) -> {
                if (status != SagaStatus.COMPLETED && status != SagaStatus.COMPENSATED) {
                    found.add(describe(sagaId));
                }
            });
            return found;
        }

        /** The sagas whose timelines break a {@link TimelineRules rule}, with what they break. */
        List<String> timelineViolations() {
            List<String> found = new ArrayList<>();
            statuses.forEach((sagaId, status) -> {
                List<String> broken = TimelineRules.violations(status, timeline(sagaId));
                if (!broken.isEmpty()) {
                    found.add(broken + System.lineSeparator() + describe(sagaId));
                }
            });
            return found;
        }

        /** A saga's status and timeline, to show in an assertion message. */
        String describe(String sagaId) {
            StringBuilder text = new StringBuilder("saga ").append(sagaId).append(": ").append(statuses.get(sagaId));
            timeline(sagaId).forEach(entry -> text.append(System.lineSeparator()).append("  ").append(entry));
            return text.toString();
        }

        private List<Entry> timeline(String sagaId) {
            return timelines.getOrDefault(sagaId, List.of());
        }
    }

    private final Connections connections;

    SagaRows(Connections connections) {
        this.connections = connections;
    }

    /** Every saga's status, by saga id. */
    private Map<String, SagaStatus> statuses() throws SQLException {
        Map<String, SagaStatus> statuses = new LinkedHashMap<>();
        try (Connection connection = connections.open();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT saga_id, status FROM saga_instance ORDER BY created_at, saga_id");
                ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                statuses.put(rs.getString(1), SagaStatus.valueOf(rs.getString(2)));
            }
        }
        return statuses;
    }

    /** How many sagas are in each status. */
    Map<SagaStatus, Integer> countByStatus() throws SQLException {
        Map<SagaStatus, Integer> counts = new EnumMap<>(SagaStatus.class);
        statuses().values().forEach(status -> counts.merge(status, 1, Integer::sum));
        return counts;
    }

    /** Every saga's timeline, by saga id, in seq order. */
    private Map<String, List<Entry>> timelines() throws SQLException {
        Map<String, List<Entry>> timelines = new LinkedHashMap<>();
        try (Connection connection = connections.open();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT saga_id, seq, step, attempt, kind, detail FROM saga_step ORDER BY saga_id, seq");
                ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                timelines.computeIfAbsent(rs.getString(1), id -> new ArrayList<>())
                        .add(new Entry(rs.getInt(2), rs.getString(3), rs.getInt(4), rs.getString(5), rs.getString(6)));
            }
        }
        return timelines;
    }

    /** Every saga's status and timeline. */
    Snapshot snapshot() throws SQLException {
        return new Snapshot(statuses(), timelines());
    }
}
