package dev.sagitta.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagitta.dsl.ErrorCodes;
import dev.sagitta.dsl.RetryPolicy;
import dev.sagitta.dsl.Saga;
import dev.sagitta.dsl.SagaDefinition;
import dev.sagitta.engine.SagaHandle;
import dev.sagitta.engine.StepStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * When a step's attempts happen, on the harness's virtual clock, for each backoff shape; that an
 * engine restart keeps the schedule and the count; and that a failure the step does not retry on
 * compensates at once.
 */
class RetryScheduleTest {

    private static final String HOTEL = "hotel-service";
    private static final Instant T0 = Instant.parse("2030-01-01T09:00:00Z");

    record Stay(String guest) {
    }

    private static SagaDefinition<Stay> stay(RetryPolicy retry) {
        return Saga.define("stay", Stay.class)
                .step("reserve-room", s -> s.invoke(HOTEL, "stay.room.reserve", st -> st)
                        .compensateWith(HOTEL, "stay.room.release", st -> st)
                        .timeout(Duration.ofMinutes(5))
                        .retry(retry))
                .build();
    }

    /** The hotel is down {@code outages} times, then reserves. */
    private static SagaTestHarness hotelDown(SagaDefinition<Stay> definition, int outages) {
        return SagaTestHarness.builder()
                .startAt(T0)
                .register(definition)
                .participant(HOTEL, hotel -> hotel
                        .on("stay.room.reserve", Reply.error(ErrorCodes.UNAVAILABLE, "hotel system down").times(outages),
                                Reply.success())
                        .otherwise(Reply.success()))
                .build();
    }

    private static List<Duration> attemptTimes(SagaTestHarness harness, String sagaId) {
        return harness.participant(HOTEL).deliveries().stream()
                .filter(d -> d.command().sagaId().equals(sagaId) && !d.command().compensation())
                .map(d -> Duration.between(T0, d.at()))
                .toList();
    }

    @Test
    void a_fixed_backoff_tries_again_at_the_same_interval() {
        SagaDefinition<Stay> definition = stay(RetryPolicy.fixed(4, Duration.ofSeconds(2)));
        SagaTestHarness harness = hotelDown(definition, 3);

        SagaHandle saga = harness.startSaga(definition, new Stay("ada"));
        harness.advance(Duration.ofMinutes(1));

        harness.assertThatSaga(saga.id()).isCompleted();
        assertThat(attemptTimes(harness, saga.id()))
                .containsExactly(Duration.ZERO, Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(6));
    }

    @Test
    void an_exponential_backoff_doubles_up_to_its_cap() {
        SagaDefinition<Stay> definition = stay(RetryPolicy.exponential(5, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(5)));
        SagaTestHarness harness = hotelDown(definition, 4);

        SagaHandle saga = harness.startSaga(definition, new Stay("ada"));
        harness.advance(Duration.ofMinutes(1));

        harness.assertThatSaga(saga.id()).isCompleted();
        // Waits of 1, 2, 4 and then 5 s (8 s capped).
        assertThat(attemptTimes(harness, saga.id())).containsExactly(Duration.ZERO, Duration.ofSeconds(1),
                Duration.ofSeconds(3), Duration.ofSeconds(7), Duration.ofSeconds(12));
    }

    @Test
    void an_exponential_backoff_with_jitter_spreads_each_wait_within_its_bounds() {
        SagaDefinition<Stay> definition = stay(
                RetryPolicy.exponentialWithJitter(4, Duration.ofSeconds(2), 2.0, Duration.ofMinutes(1), 0.5));
        SagaTestHarness harness = hotelDown(definition, 3);

        List<String> sagas = List.of(harness.startSaga(definition, new Stay("ada")).id(),
                harness.startSaga(definition, new Stay("bob")).id(),
                harness.startSaga(definition, new Stay("cy")).id());
        harness.advance(Duration.ofMinutes(1));

        for (String sagaId : sagas) {
            harness.assertThatSaga(sagaId).isCompleted();
            List<Duration> at = attemptTimes(harness, sagaId);
            assertThat(at).hasSize(4);
            // Nominal waits of 2, 4 and 8 s, each spread by up to half of it either way.
            assertThat(at.get(1).minus(at.get(0))).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(3));
            assertThat(at.get(2).minus(at.get(1))).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(6));
            assertThat(at.get(3).minus(at.get(2))).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(12));
        }
        assertThat(sagas.stream().map(id -> attemptTimes(harness, id)).distinct())
                .as("sagas failing together retry at different times").hasSize(3);
    }

    @Test
    void a_restart_between_attempts_keeps_the_schedule_and_the_count() {
        SagaDefinition<Stay> definition = stay(RetryPolicy.fixed(4, Duration.ofSeconds(10)));
        SagaTestHarness harness = hotelDown(definition, 3);
        SagaHandle saga = harness.startSaga(definition, new Stay("ada"));
        harness.advance(Duration.ofSeconds(15));
        assertThat(attemptTimes(harness, saga.id())).containsExactly(Duration.ZERO, Duration.ofSeconds(10));

        harness.crashAndRestart();
        harness.advance(Duration.ofMinutes(1));

        harness.assertThatSaga(saga.id()).isCompleted();
        assertThat(attemptTimes(harness, saga.id())).containsExactly(Duration.ZERO, Duration.ofSeconds(10),
                Duration.ofSeconds(20), Duration.ofSeconds(30));
        assertThat(harness.view(saga.id()).steps().get(0).attempts()).isEqualTo(4);
    }

    @Test
    void a_failure_the_step_does_not_retry_on_compensates_at_once() {
        SagaDefinition<Stay> definition = stay(RetryPolicy.fixed(4, Duration.ofSeconds(2)));
        SagaTestHarness harness = SagaTestHarness.builder()
                .startAt(T0)
                .register(definition)
                .participant(HOTEL, hotel -> hotel
                        .on("stay.room.reserve", Reply.error(ErrorCodes.VALIDATION, "no guest name"))
                        .otherwise(Reply.success()))
                .build();

        SagaHandle saga = harness.startSaga(definition, new Stay(""));
        harness.runUntilIdle();

        harness.assertThatSaga(saga.id()).isCompensated().hasStep("reserve-room", StepStatus.FAILED);
        assertThat(attemptTimes(harness, saga.id())).containsExactly(Duration.ZERO);
        assertThat(harness.view(saga.id()).steps().get(0).lastError())
                .isEqualTo("failure reply [validation]: no guest name");
    }
}
