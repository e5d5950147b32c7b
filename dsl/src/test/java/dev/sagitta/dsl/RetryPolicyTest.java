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
    void fixedAllowsExactlyMaxAttempts() {
        RetryPolicy policy = RetryPolicy.fixed(3, Duration.ofSeconds(1));

        assertThat(policy.allowsAttemptAfter(1)).isTrue();
        assertThat(policy.allowsAttemptAfter(2)).isTrue();
        assertThat(policy.allowsAttemptAfter(3)).isFalse();
        assertThat(policy.allowsAttemptAfter(4)).isFalse();
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
    void jitterMustBeAFractionBelowOne() {
        assertThatThrownBy(() -> RetryPolicy.exponentialWithJitter(3, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(5), 1.0))
                .isInstanceOf(SagaDefinitionException.class)
                .hasMessage("jitter must be at least 0 and below 1 (for example 0.5 for +/-50%), was 1.0");
        assertThatThrownBy(() -> RetryPolicy.exponentialWithJitter(3, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(5), -0.1))
                .isInstanceOf(SagaDefinitionException.class)
                .hasMessageStartingWith("jitter must be at least 0");
        assertThat(RetryPolicy.exponential(3, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(5)).jitter()).isZero();
    }

    @Test
    void policiesAreValuesComparedByContent() {
        assertThat(RetryPolicy.fixed(3, Duration.ofSeconds(1))).isEqualTo(RetryPolicy.fixed(3, Duration.ofSeconds(1)));
        assertThat(RetryPolicy.none()).isEqualTo(RetryPolicy.fixed(1, Duration.ZERO));
    }

    @Test
    void foreverNeverRunsOutAndDoubles() {
        RetryPolicy policy = RetryPolicy.forever(Duration.ofSeconds(1), Duration.ofMinutes(1));

        assertThat(policy.maxAttempts()).isEqualTo(RetryPolicy.UNLIMITED);
        assertThat(policy.multiplier()).isEqualTo(2.0);
        assertThat(policy.allowsAttemptAfter(1)).isTrue();
        assertThat(policy.allowsAttemptAfter(1_000_000)).isTrue();
        assertThat(policy.allowsAttemptAfter(Integer.MAX_VALUE)).isTrue();
    }
}
