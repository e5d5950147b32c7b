package dev.sagitta.engine.internal.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagitta.dsl.RetryPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void fixedWaitsTheSameDelayBeforeEveryRetry() {
        RetryPolicy policy = RetryPolicy.fixed(3, Duration.ofSeconds(2));

        assertThat(Backoff.nominalDelayBefore(policy, 2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(Backoff.nominalDelayBefore(policy, 3)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void thereIsNoDelayBeforeTheFirstAttempt() {
        RetryPolicy policy = RetryPolicy.fixed(3, Duration.ofSeconds(2));

        assertThat(Backoff.nominalDelayBefore(policy, 1)).isZero();
        assertThat(Backoff.nominalDelayBefore(policy, 0)).isZero();
    }

    @Test
    void exponentialGrowsByTheMultiplierFromTheInitialDelay() {
        RetryPolicy policy = RetryPolicy.exponential(10, Duration.ofMillis(200), 2.0, Duration.ofSeconds(30));

        assertThat(Backoff.nominalDelayBefore(policy, 2)).isEqualTo(Duration.ofMillis(200));
        assertThat(Backoff.nominalDelayBefore(policy, 3)).isEqualTo(Duration.ofMillis(400));
        assertThat(Backoff.nominalDelayBefore(policy, 4)).isEqualTo(Duration.ofMillis(800));
        assertThat(Backoff.nominalDelayBefore(policy, 5)).isEqualTo(Duration.ofMillis(1600));
    }

    @Test
    void exponentialIsCappedAtTheMaxDelay() {
        RetryPolicy policy = RetryPolicy.exponential(10, Duration.ofSeconds(1), 3.0, Duration.ofSeconds(10));

        assertThat(Backoff.nominalDelayBefore(policy, 3)).isEqualTo(Duration.ofSeconds(3));
        assertThat(Backoff.nominalDelayBefore(policy, 4)).isEqualTo(Duration.ofSeconds(9));
        assertThat(Backoff.nominalDelayBefore(policy, 5)).isEqualTo(Duration.ofSeconds(10));
        assertThat(Backoff.nominalDelayBefore(policy, 9)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void exponentialWithAFractionalMultiplierGrowsGently() {
        RetryPolicy policy = RetryPolicy.exponential(5, Duration.ofMillis(1000), 1.5, Duration.ofMinutes(1));

        assertThat(Backoff.nominalDelayBefore(policy, 3)).isEqualTo(Duration.ofMillis(1500));
        assertThat(Backoff.nominalDelayBefore(policy, 4)).isEqualTo(Duration.ofMillis(2250));
    }

    @Test
    void foreverDoublesUpToTheCap() {
        RetryPolicy policy = RetryPolicy.forever(Duration.ofSeconds(1), Duration.ofMinutes(1));

        assertThat(Backoff.nominalDelayBefore(policy, 2)).isEqualTo(Duration.ofSeconds(1));
        assertThat(Backoff.nominalDelayBefore(policy, 7)).isEqualTo(Duration.ofSeconds(32));
        assertThat(Backoff.nominalDelayBefore(policy, 8)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void aVeryLateAttemptWaitsTheCapAndDoesNotOverflow() {
        RetryPolicy policy = RetryPolicy.forever(Duration.ofSeconds(1), Duration.ofMinutes(1));

        assertThat(Backoff.nominalDelayBefore(policy, 5_000)).isEqualTo(Duration.ofMinutes(1));
        assertThat(Backoff.nominalDelayBefore(policy, Integer.MAX_VALUE)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void aZeroDelayPolicyRetriesAtOnce() {
        RetryPolicy policy = RetryPolicy.fixed(4, Duration.ZERO);

        assertThat(Backoff.nominalDelayBefore(policy, 2)).isZero();
        assertThat(Backoff.nominalDelayBefore(policy, 4)).isZero();
    }

    @Test
    void jitterSpreadsEachDelayWithinItsBoundsAndTheCap() {
        RetryPolicy policy = RetryPolicy.exponentialWithJitter(10, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(10), 0.5);

        for (int saga = 0; saga < 200; saga++) {
            Duration second = Backoff.delayBefore(policy, 2, "saga-" + saga + "/reserve-hotel");
            Duration fourth = Backoff.delayBefore(policy, 4, "saga-" + saga + "/reserve-hotel");
            Duration late = Backoff.delayBefore(policy, 9, "saga-" + saga + "/reserve-hotel");
            assertThat(second).isBetween(Duration.ofMillis(500), Duration.ofMillis(1500));
            assertThat(fourth).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(6));
            assertThat(late).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(10));
        }
    }

    @Test
    void jitterSpreadsSagasApart() {
        RetryPolicy policy = RetryPolicy.exponentialWithJitter(10, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(1), 0.5);

        long distinct = java.util.stream.IntStream.range(0, 100)
                .mapToObj(saga -> Backoff.delayBefore(policy, 3, "saga-" + saga + "/reserve-hotel"))
                .distinct().count();

        assertThat(distinct).isGreaterThan(80);
    }

    @Test
    void theSameSagaStepAndAttemptAlwaysGetTheSameJitteredDelay() {
        RetryPolicy policy = RetryPolicy.exponentialWithJitter(10, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(1), 0.5);

        assertThat(Backoff.delayBefore(policy, 3, "saga-7/reserve-hotel"))
                .isEqualTo(Backoff.delayBefore(policy, 3, "saga-7/reserve-hotel"));
    }

    @Test
    void withoutJitterTheDelayIsTheNominalOne() {
        RetryPolicy policy = RetryPolicy.exponential(10, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(1));

        assertThat(Backoff.delayBefore(policy, 4, "saga-1/reserve-hotel")).isEqualTo(Duration.ofSeconds(4));
    }
}
