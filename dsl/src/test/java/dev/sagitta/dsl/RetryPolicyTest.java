package dev.sagitta.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    @Test
    void noneAllowsOneAttemptOnly() {
        RetryPolicy none = RetryPolicy.none();

        assertThat(none.maxAttempts()).isEqualTo(1);
        assertThat(none.allowsAttemptAfter(1)).isFalse();
    }

    @Test
    void fixedWaitsTheSameDelayBeforeEveryRetry() {
        RetryPolicy policy = RetryPolicy.fixed(3, Duration.ofSeconds(2));

        assertThat(policy.delayBefore(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.delayBefore(3)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void fixedAllowsExactlyMaxAttempts() {
        RetryPolicy policy = RetryPolicy.fixed(3, Duration.ofSeconds(1));

        assertThat(policy.allowsAttemptAfter(1)).isTrue();
        assertThat(policy.allowsAttemptAfter(2)).isTrue();
        assertThat(policy.allowsAttemptAfter(3)).isFalse();
        assertThat(policy.allowsAttemptAfter(4)).isFalse();
    }

    @Test
    void thereIsNoDelayBeforeTheFirstAttempt() {
        RetryPolicy policy = RetryPolicy.fixed(3, Duration.ofSeconds(2));

        assertThat(policy.delayBefore(1)).isZero();
        assertThat(policy.delayBefore(0)).isZero();
    }

    @Test
    void exponentialGrowsByTheMultiplierFromTheInitialDelay() {
        RetryPolicy policy = RetryPolicy.exponential(10, Duration.ofMillis(200), 2.0, Duration.ofSeconds(30));

        assertThat(policy.delayBefore(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.delayBefore(3)).isEqualTo(Duration.ofMillis(400));
        assertThat(policy.delayBefore(4)).isEqualTo(Duration.ofMillis(800));
        assertThat(policy.delayBefore(5)).isEqualTo(Duration.ofMillis(1600));
    }

    @Test
    void exponentialIsCappedAtTheMaxDelay() {
        RetryPolicy policy = RetryPolicy.exponential(10, Duration.ofSeconds(1), 3.0, Duration.ofSeconds(10));

        assertThat(policy.delayBefore(3)).isEqualTo(Duration.ofSeconds(3));
        assertThat(policy.delayBefore(4)).isEqualTo(Duration.ofSeconds(9));
        assertThat(policy.delayBefore(5)).isEqualTo(Duration.ofSeconds(10));
        assertThat(policy.delayBefore(9)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void exponentialWithAFractionalMultiplierGrowsGently() {
        RetryPolicy policy = RetryPolicy.exponential(5, Duration.ofMillis(1000), 1.5, Duration.ofMinutes(1));

        assertThat(policy.delayBefore(3)).isEqualTo(Duration.ofMillis(1500));
        assertThat(policy.delayBefore(4)).isEqualTo(Duration.ofMillis(2250));
    }

    @Test
    void foreverNeverRunsOutAndDoublesUpToTheCap() {
        RetryPolicy policy = RetryPolicy.forever(Duration.ofSeconds(1), Duration.ofMinutes(1));

        assertThat(policy.maxAttempts()).isEqualTo(RetryPolicy.UNLIMITED);
        assertThat(policy.multiplier()).isEqualTo(2.0);
        assertThat(policy.allowsAttemptAfter(1)).isTrue();
        assertThat(policy.allowsAttemptAfter(1_000_000)).isTrue();
        assertThat(policy.allowsAttemptAfter(Integer.MAX_VALUE)).isTrue();
        assertThat(policy.delayBefore(2)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.delayBefore(7)).isEqualTo(Duration.ofSeconds(32));
        assertThat(policy.delayBefore(8)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void aVeryLateAttemptWaitsTheCapAndDoesNotOverflow() {
        RetryPolicy policy = RetryPolicy.forever(Duration.ofSeconds(1), Duration.ofMinutes(1));

        assertThat(policy.delayBefore(5_000)).isEqualTo(Duration.ofMinutes(1));
        assertThat(policy.delayBefore(Integer.MAX_VALUE)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void aZeroDelayPolicyRetriesAtOnce() {
        RetryPolicy policy = RetryPolicy.fixed(4, Duration.ZERO);

        assertThat(policy.delayBefore(2)).isZero();
        assertThat(policy.delayBefore(4)).isZero();
    }

    @Test
    void maxAttemptsBelowOneIsRejected() {
        assertThatThrownBy(() -> RetryPolicy.fixed(0, Duration.ofSeconds(1)))
                .isInstanceOf(SagaDefinitionException.class)
                .hasMessage("maxAttempts must be at least 1, was 0");
        assertThatThrownBy(() -> RetryPolicy.fixed(-3, Duration.ofSeconds(1)))
                .isInstanceOf(SagaDefinitionException.class)
                .hasMessage("maxAttempts must be at least 1, was -3");
    }

    @Test
    void aNegativeInitialDelayIsRejected() {
        assertThatThrownBy(() -> RetryPolicy.exponential(3, Duration.ofSeconds(-1), 2.0, Duration.ofSeconds(5)))
                .isInstanceOf(SagaDefinitionException.class)
                .hasMessage("initialDelay must not be negative, was PT-1S");
    }

    @Test
    void aMultiplierBelowOneOrNotFiniteIsRejected() {
        assertThatThrownBy(() -> RetryPolicy.exponential(3, Duration.ofSeconds(1), 0.5, Duration.ofSeconds(5)))
                .isInstanceOf(SagaDefinitionException.class)
                .hasMessage("multiplier must be a finite number >= 1.0, was 0.5");
        assertThatThrownBy(() -> RetryPolicy.exponential(3, Duration.ofSeconds(1), Double.NaN, Duration.ofSeconds(5)))
                .isInstanceOf(SagaDefinitionException.class)
                .hasMessage("multiplier must be a finite number >= 1.0, was NaN");
        assertThatThrownBy(() -> RetryPolicy.exponential(3, Duration.ofSeconds(1), Double.POSITIVE_INFINITY,
                Duration.ofSeconds(5)))
                .isInstanceOf(SagaDefinitionException.class)
                .hasMessage("multiplier must be a finite number >= 1.0, was Infinity");
    }

    @Test
    void aMaxDelayShorterThanTheInitialDelayIsRejected() {
        assertThatThrownBy(() -> RetryPolicy.exponential(3, Duration.ofSeconds(10), 2.0, Duration.ofSeconds(5)))
                .isInstanceOf(SagaDefinitionException.class)
                .hasMessage("maxDelay (PT5S) must not be shorter than initialDelay (PT10S)");
        assertThatThrownBy(() -> RetryPolicy.forever(Duration.ofMinutes(2), Duration.ofMinutes(1)))
                .isInstanceOf(SagaDefinitionException.class)
                .hasMessage("maxDelay (PT1M) must not be shorter than initialDelay (PT2M)");
    }

    @Test
    void nullDelaysAreRejectedNamingTheArgument() {
        assertThatThrownBy(() -> new RetryPolicy(3, null, 1.0, Duration.ZERO))
                .isInstanceOf(NullPointerException.class).hasMessage("initialDelay");
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ZERO, 1.0, null))
                .isInstanceOf(NullPointerException.class).hasMessage("maxDelay");
    }

    @Test
    void policiesAreValuesComparedByContent() {
        assertThat(RetryPolicy.fixed(3, Duration.ofSeconds(1))).isEqualTo(RetryPolicy.fixed(3, Duration.ofSeconds(1)));
        assertThat(RetryPolicy.none()).isEqualTo(RetryPolicy.fixed(1, Duration.ZERO));
    }
}
