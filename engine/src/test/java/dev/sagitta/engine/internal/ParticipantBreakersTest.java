package dev.sagitta.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagitta.engine.internal.core.CallOutcome;
import dev.sagitta.engine.internal.core.CircuitGate.OpenCircuit;
import dev.sagitta.engine.spi.Clock;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The participants' breakers as the state machine's gate, on a clock the test moves. */
class ParticipantBreakersTest {

    private static final String HOTEL = "hotel-service";
    private static final Instant T0 = Instant.parse("2030-01-01T09:00:00Z");

    /** A clock the test sets. */
    private static final class TestClock implements Clock {
        private Instant now = T0;

        @Override
        public Instant now() {
            return now;
        }

        @Override
        public long monotonicNanos() {
            return Duration.between(T0, now).toNanos();
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }
    }

    private final TestClock clock = new TestClock();
    private final ParticipantBreakers breakers = new ParticipantBreakers(null, Map.of(HOTEL, CircuitBreakerConfig.custom()
            .slidingWindow(2, 2, SlidingWindowType.COUNT_BASED)
            .waitDurationInOpenState(Duration.ofMinutes(1))
            .permittedNumberOfCallsInHalfOpenState(1)
            .build()), clock, null);

    private void hotelFailsTwice() {
        breakers.record(Collections.nCopies(2, new CallOutcome(HOTEL, false)));
    }

    @Test
    void a_participant_without_a_breaker_is_always_let_through() {
        assertThat(breakers.check("car-service", T0)).isNull();
        assertThat(breakers.registry().getAllCircuitBreakers()).isEmpty();
    }

    @Test
    void an_open_breaker_says_since_when_and_when_a_trial_may_go() {
        assertThat(breakers.check(HOTEL, T0)).isNull();
        hotelFailsTwice();

        clock.advance(Duration.ofSeconds(10));
        OpenCircuit open = breakers.check(HOTEL, clock.now());

        assertThat(open).isEqualTo(new OpenCircuit(T0, T0.plus(Duration.ofMinutes(1)).plusMillis(1)));
    }

    @Test
    void a_half_open_breaker_whose_trial_is_never_answered_opens_again_and_hands_out_a_new_trial() {
        hotelFailsTwice();
        clock.advance(Duration.ofMinutes(1).plusMillis(1));
        assertThat(breakers.check(HOTEL, clock.now())).as("the trial call").isNull();
        assertThat(breakers.check(HOTEL, clock.now())).as("no second trial").isNotNull();

        // The trial's transition never committed: no answer is ever recorded.
        clock.advance(Duration.ofMinutes(1).plusMillis(1));
        OpenCircuit reopened = breakers.check(HOTEL, clock.now());
        clock.advance(Duration.ofMinutes(1).plusMillis(1));

        assertThat(reopened).isNotNull();
        assertThat(breakers.registry().circuitBreaker(HOTEL).getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(breakers.check(HOTEL, clock.now())).as("a new trial").isNull();
        breakers.record(List.of(new CallOutcome(HOTEL, true)));
        assertThat(breakers.registry().circuitBreaker(HOTEL).getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }
}
