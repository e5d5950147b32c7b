package dev.sagitta.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.sagitta.dsl.RetryPolicy;
import dev.sagitta.dsl.Saga;
import dev.sagitta.dsl.SagaDefinition;
import dev.sagitta.engine.SagaHandle;
import dev.sagitta.engine.StepStatus;
import dev.sagitta.engine.TimelineEntry;
import dev.sagitta.engine.spi.TaskExecutor;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A local step that hangs is cut off by its time limit (a Resilience4j TimeLimiter whose timeout
 * passes in virtual time): its thread is interrupted, the attempt fails with {@code timeout}, and the
 * retry policy or compensation takes it from there. The functions run on a real thread, so the one
 * that hangs does not block the harness.
 */
class LocalStepTimeLimitTest {

    private static final String HOTEL = "hotel-service";
    private static final Instant T0 = Instant.parse("2030-01-01T09:00:00Z");

    record Quote(String city, int price) {
    }

    private final TaskExecutor stepThreads = TaskExecutor.threadPool("local-steps", 1);
    private final AtomicInteger attempts = new AtomicInteger();
    private final AtomicBoolean hungAttemptInterrupted = new AtomicBoolean();
    private final AtomicInteger compensations = new AtomicInteger();

    @AfterEach
    void closeThreads() {
        stepThreads.close();
    }

    /** Hangs on its first attempt until interrupted; answers at once after that. */
    private Quote priceHangingOnce(Quote quote) throws InterruptedException {
        if (attempts.incrementAndGet() == 1) {
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                hungAttemptInterrupted.set(true);
                throw e;
            }
        }
        return new Quote(quote.city(), 120);
    }

    private SagaDefinition<Quote> trip(RetryPolicy priceRetry) {
        return Saga.define("quoted-trip", Quote.class)
                .step("reserve-room", s -> s.invoke(HOTEL, "trip.room.reserve", q -> q)
                        .compensateWith(HOTEL, "trip.room.release", q -> q))
                .step("price", s -> s.local((quote, ctx) -> priceHangingOnce(quote))
                        .compensateLocally((quote, ctx) -> {
                            compensations.incrementAndGet();
                            return quote;
                        })
                        .timeLimit(Duration.ofSeconds(5))
                        .timeout(Duration.ofMinutes(1))
                        .retry(priceRetry))
                .build();
    }

    private SagaTestHarness harness(SagaDefinition<Quote> trip) {
        return SagaTestHarness.builder().startAt(T0).register(trip).localStepsOn(stepThreads)
                .participant(HOTEL, hotel -> hotel.otherwise(Reply.success()))
                .build();
    }

    /** Runs the harness until the saga has taken the result a step thread delivered. */
    private static void awaitStep(SagaTestHarness harness, String sagaId, String step, StepStatus status) {
        await().pollInSameThread().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            harness.runUntilIdle();
            harness.assertThatSaga(sagaId).hasStep(step, status);
        });
    }

    @Test
    void a_hanging_local_step_is_cut_off_at_its_time_limit_and_its_retry_succeeds() {
        SagaDefinition<Quote> trip = trip(RetryPolicy.fixed(2, Duration.ofSeconds(10)));
        SagaTestHarness harness = harness(trip);
        SagaHandle saga = harness.startSaga(trip, new Quote("Lisbon", 0));
        harness.runUntilIdle();
        await().atMost(Duration.ofSeconds(10)).until(() -> attempts.get() == 1);

        harness.advance(Duration.ofSeconds(5));

        harness.assertThatSaga(saga.id()).hasStep("price", StepStatus.WAITING_RETRY);
        assertThat(harness.view(saga.id()).timeline()).filteredOn(e -> e.kind().equals("RETRY_SCHEDULED"))
                .extracting(TimelineEntry::detail, TimelineEntry::at)
                .containsExactly(tuple("attempt 2 at " + T0.plusSeconds(15)
                        + " after: [timeout] cut off after its time limit of PT5S", T0.plusSeconds(5)));
        await().atMost(Duration.ofSeconds(10)).untilTrue(hungAttemptInterrupted);

        harness.advance(Duration.ofSeconds(10));
        awaitStep(harness, saga.id(), "price", StepStatus.SUCCEEDED);

        harness.assertThatSaga(saga.id()).isCompleted();
        assertThat(harness.view(saga.id()).data(Quote.class).price()).isEqualTo(120);
        assertThat(attempts).hasValue(2);
    }

    @Test
    void a_hanging_local_step_with_no_retry_left_fails_at_its_time_limit_and_the_saga_undoes_it_and_what_came_before() {
        SagaDefinition<Quote> trip = trip(RetryPolicy.none());
        SagaTestHarness harness = harness(trip);
        SagaHandle saga = harness.startSaga(trip, new Quote("Lisbon", 0));
        harness.runUntilIdle();
        await().atMost(Duration.ofSeconds(10)).until(() -> attempts.get() == 1);

        harness.advance(Duration.ofSeconds(5));
        // The cut-off attempt may have done part of its work: its local compensation runs on a step thread.
        awaitStep(harness, saga.id(), "price", StepStatus.COMPENSATED);
        harness.runUntilIdle();

        harness.assertThatSaga(saga.id()).isCompensated().compensatedSteps("price", "reserve-room");
        assertThat(harness.view(saga.id()).step("price").orElseThrow().lastError())
                .isEqualTo("[timeout] cut off after its time limit of PT5S");
        assertThat(compensations).hasValue(1);
        assertThat(hungAttemptInterrupted).isTrue();
    }
}
