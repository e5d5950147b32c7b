package dev.sagitta.engine.internal.core;

import static dev.sagitta.engine.SagaStatus.COMPENSATED;
import static dev.sagitta.engine.SagaStatus.COMPENSATING;
import static dev.sagitta.engine.SagaStatus.COMPLETED;
import static dev.sagitta.engine.SagaStatus.FAILED;
import static dev.sagitta.engine.SagaStatus.RESOLVED;
import static dev.sagitta.engine.SagaStatus.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagitta.dsl.RetryPolicy;
import dev.sagitta.dsl.Saga;
import dev.sagitta.dsl.SagaDefinition;
import dev.sagitta.engine.SagaStatus;
import dev.sagitta.engine.internal.core.SagaEvent.LocalOutcome;
import dev.sagitta.engine.internal.core.SagaRun.StatusChange;
import dev.sagitta.engine.internal.core.Trips.Reserved;
import dev.sagitta.engine.internal.core.Trips.Trip;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The declared table of saga status changes, and the scenarios that walk every edge of it. */
class SagaStatusTransitionsTest {

    private static final Set<StatusChange> DECLARED = Set.of(
            new StatusChange(RUNNING, COMPLETED),
            new StatusChange(RUNNING, COMPENSATING),
            new StatusChange(RUNNING, FAILED),
            new StatusChange(COMPENSATING, COMPENSATED),
            new StatusChange(COMPENSATING, FAILED),
            new StatusChange(FAILED, COMPENSATING),
            new StatusChange(FAILED, RUNNING),
            new StatusChange(FAILED, RESOLVED));

    @Test
    void theTableAllowsExactlyTheDeclaredChanges() {
        Set<StatusChange> allowed = new LinkedHashSet<>();
        for (SagaStatus from : SagaStatus.values()) {
            for (SagaStatus to : SagaStatus.values()) {
                if (from != to && SagaStatusTransitions.isAllowed(from, to)) {
                    allowed.add(new StatusChange(from, to));
                }
            }
        }

        assertThat(allowed).containsExactlyInAnyOrderElementsOf(DECLARED);
    }

    @Test
    void stayingPutIsAlwaysAllowed() {
        for (SagaStatus status : SagaStatus.values()) {
            assertThat(SagaStatusTransitions.isAllowed(status, status)).as(status.name()).isTrue();
        }
    }

    @Test
    void onlyAnOperatorTakesAFailedSagaOnAndNothingElseLeadsBackToRunning() {
        for (SagaStatus from : SagaStatus.values()) {
            for (SagaStatus to : SagaStatus.values()) {
                if (from == to || from == FAILED) {
                    continue;
                }
                if (from.isTerminal() || to == RUNNING) {
                    assertThat(SagaStatusTransitions.isAllowed(from, to)).as(from + " -> " + to).isFalse();
                }
            }
        }
        assertThat(SagaStatus.values()).filteredOn(SagaStatus::isTerminal)
                .containsExactlyInAnyOrder(COMPLETED, COMPENSATED, FAILED, RESOLVED);
    }

    @Test
    void aChangeOutsideTheTableIsRefused() {
        assertThatThrownBy(() -> SagaStatusTransitions.check(COMPLETED, COMPENSATING))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("saga status cannot go from COMPLETED to COMPENSATING");
    }

    @Test
    void theDiagramIsGeneratedFromTheTable() {
        assertThat(SagaStatusTransitions.mermaidDiagram()).isEqualTo("""
                stateDiagram-v2
                    [*] --> RUNNING: start
                    RUNNING --> COMPLETED: last step succeeded
                    RUNNING --> COMPENSATING: step failed / cancel / deadline
                    RUNNING --> FAILED: retriable step out of attempts / pivot outcome unknown
                    COMPENSATING --> COMPENSATED: last compensation succeeded
                    COMPENSATING --> FAILED: compensation out of attempts
                    FAILED --> COMPENSATING: operator: retry or skip a compensation / force compensation
                    FAILED --> RUNNING: operator: retry or skip the step that parked it
                    FAILED --> RESOLVED: operator: mark resolved
                    COMPLETED --> [*]
                    COMPENSATED --> [*]
                    FAILED --> [*]
                    RESOLVED --> [*]
                """);
    }

    @Test
    void aFailureWithNothingToUndoPassesThroughCompensatingWithinOneTransition() {
        SagaRun<Trip> run = SagaRun.start(Trips.threeStepTrip(), Trip.to("Lisbon"));

        run.fail("reserve-hotel", "no rooms");

        // Seen from outside (stored before/after), the saga jumps RUNNING -> COMPENSATED, which is not an edge
        // of the table; the timeline shows it went through COMPENSATING.
        assertThat(SagaStatusTransitions.isAllowed(RUNNING, COMPENSATED)).isFalse();
        assertThat(run.statusChanges()).containsExactly(
                new StatusChange(RUNNING, COMPENSATING), new StatusChange(COMPENSATING, COMPENSATED));
    }

    @Test
    void everyStatusChangeSeenInTheScenariosIsAllowedAndEveryEdgeIsSeen() {
        List<StatusChange> seen = new ArrayList<>();
        seen.addAll(happyPath().statusChanges());
        seen.addAll(flightFailsAndHotelIsUndone().statusChanges());
        seen.addAll(compensationRunsOutOfAttempts().statusChanges());
        seen.addAll(retriableStepRunsOutOfAttempts().statusChanges());
        seen.addAll(cancelledThenCompensated().statusChanges());
        seen.addAll(operatorRetriesTheCompensation(compensationRunsOutOfAttempts()).statusChanges());
        seen.addAll(operatorRetriesTheRetriableStep(retriableStepRunsOutOfAttempts()).statusChanges());
        seen.addAll(operatorSkipsTheCompensation(compensationRunsOutOfAttempts()).statusChanges());
        seen.addAll(operatorMarksItResolved(compensationRunsOutOfAttempts()).statusChanges());

        assertThat(seen).allSatisfy(change ->
                assertThat(SagaStatusTransitions.isAllowed(change.from(), change.to())).as(change.toString()).isTrue());
        assertThat(Set.copyOf(seen)).isEqualTo(DECLARED);
    }

    private static SagaRun<Trip> happyPath() {
        SagaRun<Trip> run = SagaRun.start(Trips.threeStepTrip(), Trip.to("Lisbon"));
        run.succeed("reserve-hotel", new Reserved("H-1"));
        run.succeed("reserve-flight", new Reserved("F-1"));
        run.localSucceeds("reserve-car", null);
        assertThat(run.status()).isEqualTo(COMPLETED);
        return run;
    }

    private static SagaRun<Trip> flightFailsAndHotelIsUndone() {
        SagaRun<Trip> run = SagaRun.start(Trips.threeStepTrip(), Trip.to("Lisbon"));
        run.succeed("reserve-hotel", new Reserved("H-1"));
        run.fail("reserve-flight", "full");
        run.compensated("reserve-hotel");
        assertThat(run.status()).isEqualTo(COMPENSATED);
        return run;
    }

    private static SagaRun<Trip> compensationRunsOutOfAttempts() {
        SagaDefinition<Trip> definition = Saga.define("trip", Trip.class)
                .step("reserve-hotel", s -> Trips.reserve(s, "hotel").compensationRetry(RetryPolicy.none()))
                .step("reserve-car", Trips::local)
                .build();
        SagaRun<Trip> run = SagaRun.start(definition, Trip.to("Lisbon"));
        run.succeed("reserve-hotel", new Reserved("H-1"));
        run.localFails("reserve-car", LocalOutcome.FAILED_BUSINESS, "no cars");
        run.compensationFails("reserve-hotel", "down");
        assertThat(run.status()).isEqualTo(FAILED);
        return run;
    }

    private static SagaRun<Trip> retriableStepRunsOutOfAttempts() {
        SagaDefinition<Trip> definition = Saga.define("paid-trip", Trip.class)
                .step("charge", s -> s.local((t, ctx) -> t).pivot())
                .step("archive", s -> s.local((t, ctx) -> t).retriable().retry(RetryPolicy.none()))
                .build();
        SagaRun<Trip> run = SagaRun.start(definition, Trip.to("Lisbon"));
        run.localSucceeds("charge", null);
        run.localFails("archive", LocalOutcome.FAILED_TRANSIENT, "disk full");
        assertThat(run.status()).isEqualTo(FAILED);
        return run;
    }

    private static SagaRun<Trip> operatorRetriesTheCompensation(SagaRun<Trip> failed) {
        failed.apply(new SagaEvent.OperatorAction(SagaEvent.OperatorAction.Action.RETRY_NOW, "reserve-hotel", "alice",
                "hotel is back"));
        assertThat(failed.status()).isEqualTo(COMPENSATING);
        failed.compensated("reserve-hotel");
        assertThat(failed.status()).isEqualTo(COMPENSATED);
        return failed;
    }

    private static SagaRun<Trip> operatorRetriesTheRetriableStep(SagaRun<Trip> failed) {
        failed.apply(new SagaEvent.OperatorAction(SagaEvent.OperatorAction.Action.RETRY_NOW, "archive", "bob",
                "disk cleaned"));
        assertThat(failed.status()).isEqualTo(RUNNING);
        failed.localSucceeds("archive", null);
        assertThat(failed.status()).isEqualTo(COMPLETED);
        return failed;
    }

    private static SagaRun<Trip> operatorSkipsTheCompensation(SagaRun<Trip> failed) {
        failed.apply(new SagaEvent.OperatorAction(SagaEvent.OperatorAction.Action.SKIP_STEP, "reserve-hotel", "carol",
                "released by hand"));
        assertThat(failed.status()).isEqualTo(COMPENSATED);
        return failed;
    }

    private static SagaRun<Trip> operatorMarksItResolved(SagaRun<Trip> failed) {
        failed.apply(new SagaEvent.OperatorAction(SagaEvent.OperatorAction.Action.MARK_RESOLVED, null, "dave",
                "settled with the hotel"));
        assertThat(failed.status()).isEqualTo(RESOLVED);
        return failed;
    }

    private static SagaRun<Trip> cancelledThenCompensated() {
        SagaRun<Trip> run = SagaRun.start(Trips.parallelTrip(), Trip.to("Lisbon"));
        run.after(Duration.ofSeconds(1)).succeed("reserve-hotel", new Reserved("H-1"));
        run.cancel("stop");
        while (run.status() == COMPENSATING) {
            run.compensated(run.state().compensationPlan().get(0));
        }
        assertThat(run.status()).isEqualTo(COMPENSATED);
        return run;
    }
}
