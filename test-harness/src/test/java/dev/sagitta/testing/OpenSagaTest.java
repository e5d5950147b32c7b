package dev.sagitta.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagitta.dsl.EnlistedSteps;
import dev.sagitta.dsl.RetryPolicy;
import dev.sagitta.dsl.Saga;
import dev.sagitta.dsl.SagaDefinition;
import dev.sagitta.engine.OpenSagaResult;
import dev.sagitta.engine.SagaStatus;
import dev.sagitta.engine.StepStatus;
import dev.sagitta.engine.TimelineEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * An open saga: its work is done outside the engine and enlisted step by step while it runs; closing
 * it confirms the enlisted steps last-first, cancelling it (or its timeout passing) undoes them
 * last-first. Each enlistment and the close is one transaction; the calls run as local steps, under
 * a lease and a retry policy, so they survive a crash.
 */
class OpenSagaTest {

    private static final Instant T0 = Instant.parse("2030-01-01T09:00:00Z");

    /** What each enlisted step asked for, by step name: the "endpoint" its calls go to. */
    record Booking(Map<String, String> enlisted) {
        Booking with(String step, String target) {
            Map<String, String> more = new LinkedHashMap<>(enlisted);
            more.put(step, target);
            return new Booking(more);
        }
    }

    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger completionFailuresLeft = new AtomicInteger();
    private final Set<String> refusedConfirmations = ConcurrentHashMap.newKeySet();

    private SagaDefinition<Booking> booking(RetryPolicy completionRetry) {
        return Saga.define("booking", Booking.class)
                .enlistedSteps(steps -> steps
                        .completion((booking, ctx) -> {
                            String target = booking.enlisted().get(EnlistedSteps.stepName(
                                    EnlistedSteps.numberOf(ctx.stepName())));
                            if (completionFailuresLeft.getAndDecrement() > 0 || refusedConfirmations.contains(target)) {
                                throw new IllegalStateException("confirmation service down");
                            }
                            calls.add("confirm " + target);
                            return booking;
                        })
                        .compensation((booking, ctx) -> {
                            calls.add("undo " + booking.enlisted().get(ctx.stepName()));
                            return booking;
                        })
                        .callTimeout(Duration.ofSeconds(10))
                        .completionRetry(completionRetry))
                .build();
    }

    private final SagaDefinition<Booking> booking = booking(RetryPolicy.fixed(3, Duration.ofSeconds(5)));

    private SagaTestHarness harness(SagaDefinition<Booking> definition) {
        return SagaTestHarness.builder().startAt(T0).register(definition).build();
    }

    private static OpenSagaResult enlist(SagaTestHarness harness, SagaDefinition<Booking> definition, String sagaId,
            String target, boolean completes, Duration timeout) {
        return run(harness, harness.engine().enlistAsync(sagaId, definition,
                (booking, step) -> booking.with(step, target), completes, timeout));
    }

    private static OpenSagaResult close(SagaTestHarness harness, String sagaId) {
        return run(harness, harness.engine().closeAsync(sagaId));
    }

    private static <T> T run(SagaTestHarness harness, CompletableFuture<T> request) {
        harness.runUntilIdle();
        assertThat(request).as("committed").isDone();
        return request.join();
    }

    private static List<String> kinds(SagaTestHarness harness, String sagaId) {
        return harness.view(sagaId).timeline().stream().map(TimelineEntry::kind).toList();
    }

    @Test
    void closing_confirms_the_enlisted_steps_last_first_and_completes() {
        SagaTestHarness harness = harness(booking);
        String id = harness.startSaga(booking, new Booking(Map.of())).id();
        harness.assertThatSaga(id).hasStatus(SagaStatus.RUNNING);

        enlist(harness, booking, id, "flight", true, null);
        enlist(harness, booking, id, "car", false, null);
        enlist(harness, booking, id, "hotel", true, null);
        assertThat(calls).as("nothing is called while the saga is open").isEmpty();
        harness.assertThatSaga(id).hasStep("step-1", StepStatus.SUCCEEDED).hasStep("step-1.complete", StepStatus.PENDING)
                .hasStep("step-2", StepStatus.SUCCEEDED).hasStep("step-3.complete", StepStatus.PENDING);
        assertThat(harness.view(id).step("step-2.complete")).as("enlisted without a completion").isEmpty();

        assertThat(close(harness, id).accepted()).isTrue();

        harness.assertThatSaga(id).isCompleted();
        assertThat(calls).containsExactly("confirm hotel", "confirm flight");
        assertThat(kinds(harness, id)).containsSubsequence("SAGA_STARTED", "STEP_ENLISTED", "STEP_ENLISTED",
                "STEP_ENLISTED", "SAGA_CLOSED", "STEP_STARTED", "STEP_SUCCEEDED", "STEP_STARTED", "STEP_SUCCEEDED",
                "SAGA_COMPLETED");
    }

    @Test
    void cancelling_undoes_every_enlisted_step_last_first_and_confirms_none() {
        SagaTestHarness harness = harness(booking);
        String id = harness.startSaga(booking, new Booking(Map.of())).id();
        enlist(harness, booking, id, "flight", true, null);
        enlist(harness, booking, id, "hotel", true, null);

        assertThat(harness.cancel(id, "customer changed their mind").accepted()).isTrue();

        harness.assertThatSaga(id).isCompensated();
        assertThat(calls).containsExactly("undo hotel", "undo flight");
        OpenSagaResult late = close(harness, id);
        assertThat(late.accepted()).isFalse();
        assertThat(late.rejection()).isEqualTo("saga is already COMPENSATED");
    }

    @Test
    void a_step_timeout_that_passes_before_the_close_compensates_the_saga_at_that_time() {
        SagaTestHarness harness = harness(booking);
        String id = harness.startSaga(booking, new Booking(Map.of())).id();
        enlist(harness, booking, id, "flight", true, Duration.ofMinutes(5));
        harness.advance(Duration.ofMinutes(1));
        enlist(harness, booking, id, "hotel", true, Duration.ofMinutes(10));

        harness.advance(Duration.ofMinutes(3).plusSeconds(59));
        harness.assertThatSaga(id).hasStatus(SagaStatus.RUNNING);
        harness.advance(Duration.ofSeconds(1));

        harness.assertThatSaga(id).isCompensated();
        assertThat(calls).containsExactly("undo hotel", "undo flight");
        assertThat(harness.view(id).timeline()).filteredOn(e -> e.kind().equals("DEADLINE_PASSED"))
                .extracting(TimelineEntry::at).containsExactly(T0.plus(Duration.ofMinutes(5)));
    }

    @Test
    void a_failing_confirmation_is_retried_and_one_out_of_attempts_leaves_the_saga_failed_for_an_operator() {
        SagaTestHarness harness = harness(booking);
        String id = harness.startSaga(booking, new Booking(Map.of())).id();
        enlist(harness, booking, id, "flight", true, null);
        enlist(harness, booking, id, "hotel", true, null);
        completionFailuresLeft.set(3);

        close(harness, id);
        harness.runUntilTerminal(id, Duration.ofMinutes(1));

        harness.assertThatSaga(id).hasStatus(SagaStatus.FAILED).hasStep("step-2.complete", StepStatus.FAILED)
                .hasStep("step-1.complete", StepStatus.PENDING);
        assertThat(harness.view(id).reason()).contains("step 'step-2.complete' failed", "confirmation service down");
        assertThat(calls).isEmpty();

        harness.retryNow(id, "step-2.complete", "ops@example.com", "confirmation service is back");
        harness.runUntilIdle();

        harness.assertThatSaga(id).isCompleted();
        assertThat(calls).containsExactly("confirm hotel", "confirm flight");
    }

    @Test
    void a_closing_saga_takes_no_more_steps_and_cannot_be_cancelled() {
        SagaTestHarness harness = harness(booking);
        String id = harness.startSaga(booking, new Booking(Map.of())).id();
        enlist(harness, booking, id, "flight", true, null);
        completionFailuresLeft.set(1);
        close(harness, id);
        harness.assertThatSaga(id).hasStep("step-1.complete", StepStatus.WAITING_RETRY);

        OpenSagaResult enlisted = enlist(harness, booking, id, "hotel", true, null);
        assertThat(enlisted.accepted()).isFalse();
        assertThat(enlisted.rejection()).isEqualTo("saga is closing: its enlisted steps are being confirmed");
        assertThat(harness.cancel(id, "too late").rejection())
                .isEqualTo("saga is closing: its enlisted steps are being confirmed and can no longer be undone");
        assertThat(close(harness, id).accepted()).isFalse();

        harness.runUntilTerminal(id, Duration.ofMinutes(1));
        harness.assertThatSaga(id).isCompleted();
        assertThat(calls).containsExactly("confirm flight");
    }

    @Test
    void a_close_with_nothing_to_confirm_completes_at_once() {
        SagaTestHarness harness = harness(booking);
        String id = harness.startSaga(booking, new Booking(Map.of())).id();
        enlist(harness, booking, id, "flight", false, null);

        OpenSagaResult closed = close(harness, id);

        assertThat(closed.status()).isEqualTo(SagaStatus.COMPLETED);
        assertThat(calls).isEmpty();
    }

    @Test
    void confirmations_decided_before_a_crash_are_made_after_the_restart() {
        // commits: 1 the start, 2 the enlistment, 3 the close; the process dies right after the third
        SagaTestHarness harness = SagaTestHarness.builder().startAt(T0).register(booking)
                .faults(FaultPlan.none().withCrashAt(CrashPoint.afterCommit(3))).build();
        String id = harness.startSaga(booking, new Booking(Map.of())).id();
        enlist(harness, booking, id, "flight", true, null);

        harness.engine().closeAsync(id);
        harness.runUntilIdle();
        assertThat(harness.crashed()).isTrue();
        assertThat(calls).as("the close committed, the call was not made").isEmpty();

        harness.runUntilTerminal(id, Duration.ofMinutes(1));

        harness.assertThatSaga(id).isCompleted();
        assertThat(calls).containsExactly("confirm flight");
    }

    @Test
    void only_an_open_saga_enlists_steps() {
        SagaDefinition<Booking> fixed = Saga.define("fixed-booking", Booking.class)
                .step("book", s -> s.local((booking, ctx) -> booking).pivot())
                .build();
        SagaTestHarness harness = SagaTestHarness.builder().startAt(T0).register(booking, fixed).build();
        String id = harness.startSaga(booking, new Booking(Map.of())).id();

        assertThatThrownBy(() -> harness.engine().enlistAsync(id, fixed, (b, step) -> b, true, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("saga fixed-booking:v1 is not open: define it with enlistedSteps(...) to enlist steps in it");
        OpenSagaResult closed = close(harness, harness.startSaga(fixed, new Booking(Map.of())).id());
        assertThat(closed.accepted()).isFalse();
        assertThat(closed.rejection()).startsWith("saga fixed-booking:v1 is not open");
    }

    @Test
    void an_open_saga_cancelled_with_nothing_enlisted_is_compensated_with_nothing_to_undo() {
        SagaTestHarness harness = harness(booking);
        String id = harness.startSaga(booking, new Booking(Map.of())).id();

        assertThat(harness.cancel(id, "nothing booked yet").accepted()).isTrue();

        harness.assertThatSaga(id).isCompensated();
        assertThat(calls).isEmpty();
    }

    @Test
    void a_step_enlisted_after_the_deadline_passed_is_refused_as_the_saga_compensates() {
        SagaTestHarness harness = harness(booking);
        String id = harness.startSaga(booking, new Booking(Map.of())).id();
        enlist(harness, booking, id, "flight", true, Duration.ofMinutes(1));
        // No timer fires here: the deadline is due whatever event comes first after it.
        harness.clock().advance(Duration.ofMinutes(2));

        OpenSagaResult late = enlist(harness, booking, id, "hotel", true, null);

        assertThat(late.accepted()).isFalse();
        // refused as COMPENSATING or, if its compensation already ran, COMPENSATED
        assertThat(late.rejection()).startsWith("saga is already COMPENSAT");
        harness.runUntilTerminal(id, Duration.ofMinutes(1));
        harness.assertThatSaga(id).isCompensated();
        assertThat(calls).containsExactly("undo flight");
    }

    @Test
    void operator_actions_name_only_steps_the_saga_has_enlisted() {
        SagaTestHarness harness = harness(booking);
        String id = harness.startSaga(booking, new Booking(Map.of())).id();
        enlist(harness, booking, id, "flight", false, null);

        assertThat(harness.retryNow(id, "step-9", "ops", "typo").rejection())
                .isEqualTo("saga has no step 'step-9': name one of [step-1]");
        assertThat(harness.skipStep(id, "step-1.complete", null, "ops", "enlisted without one").rejection())
                .isEqualTo("saga has no step 'step-1.complete': name one of [step-1]");
    }

    @Test
    void forced_compensation_of_a_saga_stuck_closing_undoes_only_the_steps_not_confirmed() {
        SagaTestHarness harness = harness(booking);
        String id = harness.startSaga(booking, new Booking(Map.of())).id();
        enlist(harness, booking, id, "flight", true, null);
        enlist(harness, booking, id, "hotel", true, null);
        refusedConfirmations.add("flight");
        close(harness, id);
        harness.runUntilTerminal(id, Duration.ofMinutes(1));
        harness.assertThatSaga(id).hasStatus(SagaStatus.FAILED).hasStep("step-2.complete", StepStatus.SUCCEEDED)
                .hasStep("step-1.complete", StepStatus.FAILED);

        harness.forceCompensation(id, "ops", "the airline will not confirm: cancel the trip");
        harness.runUntilIdle();

        harness.assertThatSaga(id).isCompensated();
        assertThat(calls).as("the hotel, confirmed, stays; the flight, never confirmed, is undone")
                .containsExactly("confirm hotel", "undo flight");
    }
}
