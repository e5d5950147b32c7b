package dev.sagitta.testing;

import dev.sagitta.dsl.SagaDefinition;
import dev.sagitta.engine.SagaStatus;
import dev.sagitta.engine.SagaView;
import dev.sagitta.engine.spi.SagaRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Checks that a new release can finish the sagas an old release left in flight: the usual way a
 * definition change breaks production, since instances keep running under the version they started
 * with.
 *
 * <p>On the old release, {@link #record} runs a scenario and keeps a snapshot of the unfinished
 * sagas after every commit; write it next to the tests with {@link InFlightRecording#writeTo}. On the
 * new release, {@link #resume} hands each snapshot to an engine built from the new release's world
 * (which should hold the old versions and the new) and checks that every saga finishes and keeps
 * the saga invariants, and ends as it did when the old release ran it. Problems are said plainly: a
 * version in flight that is no longer registered, a version whose steps changed without a new
 * version number, data the new classes cannot read, a saga that never finishes or ends otherwise.
 * Recording and taking over both run without faults, so outcomes compare.
 *
 * <pre>{@code
 * // release N, once:
 * DefinitionCompatibility.record(() -> world(TRIP_V1), h -> h.startSaga(TRIP_V1, trip)).writeTo(Path.of("src/test/resources/trip-v1.json"));
 * // release N+1, in a test:
 * DefinitionCompatibility.resume(InFlightRecording.readFrom(Path.of("src/test/resources/trip-v1.json")),
 *         () -> world(TRIP_V1, TRIP_V2)).assertCompatible();
 * }</pre>
 *
 * <p>Stateless and thread-safe; each call runs on the calling thread.
 */
public final class DefinitionCompatibility {

    /** How long in virtual time a taken-over saga may take to finish. */
    public static final Duration SETTLE_WITHIN = Duration.ofHours(1);

    private DefinitionCompatibility() {
    }

    /**
     * Runs the scenario without faults on the old release's world (which must use the in-memory
     * store) and snapshots the unfinished sagas after every commit.
     */
    public static InFlightRecording record(Supplier<SagaTestHarness.Builder> oldRelease, SagaExploration.Scenario scenario) {
        SagaTestHarness harness = oldRelease.get().faults(FaultPlan.none()).build();
        if (!(harness.store() instanceof InMemorySagaStore store)) {
            throw new IllegalArgumentException("record on the in-memory store (the harness default), not on "
                    + harness.store().getClass().getSimpleName());
        }
        List<SagaSnapshot> snapshots = new ArrayList<>();
        int[] commits = {0};
        harness.afterEachCommit(h -> {
            commits[0]++;
            SagaSnapshot snapshot = store.snapshotUnfinished("after-commit-" + commits[0], h.clock().now());
            if (!snapshot.sagas().isEmpty()) {
                Set<String> ids = Set.copyOf(snapshot.sagaIds());
                snapshots.add(snapshot.withInFlight(h.transport().commandsInFlight(ids), h.transport().repliesInFlight(ids)));
            }
        });
        scenario.run(harness);
        harness.runUntilAllTerminal(SETTLE_WITHIN);
        List<DefinitionShape> shapes = harness.definitions().stream().map(DefinitionShape::of).toList();
        Map<String, SagaStatus> outcomes = new LinkedHashMap<>();
        for (String sagaId : harness.startedSagaIds()) {
            outcomes.put(sagaId, harness.view(sagaId).status());
        }
        return new InFlightRecording(shapes, snapshots, outcomes);
    }

    /** Takes every snapshot over with a harness from the new release's world; see the class comment. */
    public static CompatibilityReport resume(InFlightRecording recording, Supplier<SagaTestHarness.Builder> newRelease) {
        Map<String, String> problems = new LinkedHashMap<>();
        int sagas = 0;
        for (SagaSnapshot snapshot : recording.snapshots()) {
            sagas += snapshot.sagas().size();
            SagaTestHarness.Builder world = newRelease.get();
            List<String> found = definitionProblems(recording, snapshot, world);
            if (found.isEmpty()) {
                found = runProblems(recording, snapshot, world);
            }
            for (String problem : found) {
                problems.putIfAbsent(problem, snapshot.label());
            }
        }
        List<String> said = new ArrayList<>();
        problems.forEach((problem, label) -> said.add(problem + " (first in the snapshot " + label + ")"));
        return new CompatibilityReport(recording.snapshots().size(), sagas, said);
    }

    private static List<String> definitionProblems(InFlightRecording recording, SagaSnapshot snapshot,
            SagaTestHarness.Builder world) {
        List<String> problems = new ArrayList<>();
        for (SagaRecord saga : snapshot.sagas()) {
            String key = saga.sagaType() + " v" + saga.sagaVersion();
            Optional<SagaDefinition<?>> held = world.definitions().stream()
                    .filter(d -> d.name().equals(saga.sagaType()) && d.version() == saga.sagaVersion())
                    .findFirst();
            if (held.isEmpty()) {
                problems.add(key + " has sagas in flight but the new release does not register it: keep registering "
                        + key + " beside the new version until none of its sagas is unfinished");
                continue;
            }
            Optional<DefinitionShape> recorded = recording.definitions().stream()
                    .filter(shape -> shape.name().equals(saga.sagaType()) && shape.version() == saga.sagaVersion())
                    .findFirst();
            List<String> changes = recorded.map(shape -> DefinitionShape.of(held.get()).changesFrom(shape)).orElse(List.of());
            if (!changes.isEmpty()) {
                problems.add(key + " changed without a new version: " + String.join("; ", changes)
                        + ". Give the changed definition a new version and keep " + key + " registered as it was");
                continue;
            }
            try {
                world.codec().decode(saga.data(), held.get().dataType());
            } catch (RuntimeException unreadable) {
                problems.add("the data of " + key + " sagas no longer reads as " + held.get().dataType().getName() + ": "
                        + rootMessage(unreadable) + ". Keep the old fields readable (for example with @JsonAlias, or"
                        + " a default for a new field), or give the changed data a class and version of its own");
            }
        }
        return problems;
    }

    private static List<String> runProblems(InFlightRecording recording, SagaSnapshot snapshot,
            SagaTestHarness.Builder world) {
        InMemorySagaStore store = new InMemorySagaStore();
        snapshot.restoreInto(store);
        SagaTestHarness harness;
        try {
            // Ids of its own, so its messages cannot be taken for the recorded ones in the inbox.
            harness = world.store(store).startAt(snapshot.takenAt()).faults(FaultPlan.none())
                    .idPrefix("takeover-" + snapshot.label()).build();
        } catch (RuntimeException refused) {
            return List.of("the new release's engine refused to start on the sagas in flight: " + rootMessage(refused));
        }
        harness.follow(snapshot.sagaIds());
        harness.transport().resumeInFlight(snapshot.commandsInFlight(), snapshot.repliesInFlight());
        harness.runUntilAllTerminal(SETTLE_WITHIN);
        List<String> problems = new ArrayList<>();
        for (String sagaId : snapshot.sagaIds()) {
            SagaView saga = harness.view(sagaId);
            SagaStatus recorded = recording.outcomes().get(sagaId);
            if (!saga.status().isTerminal()) {
                problems.add(saga.sagaType() + " v" + saga.version() + " saga did not finish within " + SETTLE_WITHIN
                        + " of taking over: it is " + saga.status()
                        + (saga.reason() == null ? "" : " (" + saga.reason() + ")"));
            } else if (recorded != null && recorded != saga.status()) {
                problems.add(saga.sagaType() + " v" + saga.version() + " saga ended " + saga.status()
                        + " after taking over, where the old release ended it " + recorded
                        + (saga.reason() == null ? "" : ": " + saga.reason()));
            }
        }
        for (Map.Entry<String, SagaInvariant> invariant : SagaInvariants.all().entrySet()) {
            try {
                invariant.getValue().check(harness);
            } catch (RuntimeException | AssertionError broken) {
                problems.add("invariant '" + invariant.getKey() + "' broken after taking over: " + broken.getMessage());
            }
        }
        return problems;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage()).lines().findFirst().orElse("");
    }
}
