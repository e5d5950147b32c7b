package dev.sagitta.engine.internal;

import dev.sagitta.engine.internal.core.CallOutcome;
import dev.sagitta.engine.internal.core.CircuitGate;
import dev.sagitta.engine.spi.Clock;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Resilience4j {@link CircuitBreaker} per participant that has a configuration, named after the
 * participant, on the engine's clock (virtual time in the test harness). It is the state machine's
 * {@link CircuitGate}, and counts the calls that committed transitions report. Transitions are
 * logged; events come from the {@link #registry()}'s breakers, and meters from Micrometer when a
 * registry is given. Lives in memory: each node, and each start, has its own breakers.
 *
 * <p>Thread-safe.
 */
public final class ParticipantBreakers implements CircuitGate {

    private static final Logger LOG = LoggerFactory.getLogger(ParticipantBreakers.class);

    /** How soon a step refused by a half-open breaker (its trial calls all out) asks again, at most. */
    private static final Duration HALF_OPEN_RECHECK = Duration.ofSeconds(5);

    private final CircuitBreakerRegistry registry = CircuitBreakerRegistry.ofDefaults();
    private final @Nullable CircuitBreakerConfig defaults;
    private final Map<String, CircuitBreakerConfig> perParticipant;
    private final Clock clock;
    private final java.time.Clock breakerClock;
    private final @Nullable MeterRegistry meters;
    /** Since when each participant has been unavailable: its breaker's first opening since it was last closed. */
    private final Map<String, Instant> unavailableSince = new ConcurrentHashMap<>();
    /** When each participant's breaker last opened. */
    private final Map<String, Instant> lastOpened = new ConcurrentHashMap<>();
    /** When each participant's breaker last went half-open. */
    private final Map<String, Instant> halfOpened = new ConcurrentHashMap<>();

    /**
     * @param defaults       the configuration of every participant's breaker; null: only those in
     *                       {@code perParticipant} have one
     * @param perParticipant configurations for single participants, over {@code defaults}
     * @param meters         where the breakers' meters go, or null
     */
    public ParticipantBreakers(@Nullable CircuitBreakerConfig defaults, Map<String, CircuitBreakerConfig> perParticipant,
            Clock clock, @Nullable MeterRegistry meters) {
        this.defaults = defaults;
        this.perParticipant = Map.copyOf(perParticipant);
        this.clock = clock;
        this.breakerClock = new EngineClock(clock);
        this.meters = meters;
        if (meters != null) {
            TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
        }
    }

    /** No breakers at all. */
    public static ParticipantBreakers none(Clock clock) {
        return new ParticipantBreakers(null, Map.of(), clock, null);
    }

    /** The breakers made so far, one per participant called, for their state and events. */
    public CircuitBreakerRegistry registry() {
        return registry;
    }

    @Override
    public @Nullable OpenCircuit check(String participant, Instant now) {
        CircuitBreaker breaker = breakerFor(participant);
        if (breaker == null) {
            return null;
        }
        reopenIfTrialsWereLost(participant, breaker, now);
        if (breaker.tryAcquirePermission()) {
            return null;
        }
        Instant since = unavailableSince.getOrDefault(participant, now);
        Instant retryAt;
        if (breaker.getState() == CircuitBreaker.State.OPEN) {
            long waitMillis = breaker.getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState().apply(1);
            // Resilience4j lets a trial call through only once its clock is past the wait, not at it.
            retryAt = lastOpened.getOrDefault(participant, now).plusMillis(waitMillis + 1);
        } else {
            retryAt = now.plus(HALF_OPEN_RECHECK);
        }
        // Never ask again at once: a step would spin without time passing.
        return new OpenCircuit(since, retryAt.isAfter(now) ? retryAt : now.plus(HALF_OPEN_RECHECK));
    }

    /**
     * A trial call's permit is taken when a transition asks, and given back only by an answer or a
     * timeout that commits; a transition computed again, or an attempt abandoned, loses it, which
     * would keep the breaker half-open for good. So a breaker half-open for longer than its open wait
     * opens again, on the engine's clock (Resilience4j's own timer for this runs on a thread of its own
     * in wall time, so the engine turns it off), and hands out fresh trials after the next wait.
     */
    private void reopenIfTrialsWereLost(String participant, CircuitBreaker breaker, Instant now) {
        if (breaker.getState() != CircuitBreaker.State.HALF_OPEN) {
            return;
        }
        Instant since = halfOpened.get(participant);
        long waitMillis = breaker.getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState().apply(1);
        if (since != null && now.isAfter(since.plusMillis(waitMillis))) {
            LOG.warn("Circuit breaker of participant {} was half-open since {} with no trial answered: opening it"
                    + " again", participant, since);
            breaker.transitionToOpenState();
        }
    }

    /**
     * Takes this engine's breakers' meters off the registry: an engine started later with the same
     * registry would otherwise find gauges that still read these breakers.
     */
    void close() {
        if (meters == null) {
            return;
        }
        Set<String> names = new HashSet<>();
        registry.getAllCircuitBreakers().forEach(breaker -> names.add(breaker.getName()));
        List.copyOf(meters.getMeters()).stream()
                .filter(meter -> meter.getId().getName().startsWith("resilience4j.circuitbreaker")
                        && names.contains(meter.getId().getTag("name")))
                .forEach(meters::remove);
    }

    /** Counts what participants answered (or failed to) in committed transitions. */
    void record(List<CallOutcome> calls) {
        for (CallOutcome call : calls) {
            CircuitBreaker breaker = breakerFor(call.participant());
            if (breaker == null) {
                continue;
            }
            if (call.succeeded()) {
                breaker.onSuccess(0, TimeUnit.MILLISECONDS);
            } else {
                breaker.onError(0, TimeUnit.MILLISECONDS, new ParticipantUnwell(call.participant()));
            }
        }
    }

    private @Nullable CircuitBreaker breakerFor(String participant) {
        CircuitBreakerConfig config = perParticipant.getOrDefault(participant, defaults);
        if (config == null) {
            return null;
        }
        return registry.find(participant).orElseGet(() -> created(participant, config));
    }

    private synchronized CircuitBreaker created(String participant, CircuitBreakerConfig config) {
        var existing = registry.find(participant);
        if (existing.isPresent()) {
            return existing.get();
        }
        // Time passes on the engine's clock only: Resilience4j's scheduled transitions run on a
        // thread of its own in wall time, so they are off (see reopenIfTrialsWereLost).
        CircuitBreaker breaker = registry.circuitBreaker(participant, CircuitBreakerConfig.from(config)
                .clock(breakerClock)
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .maxWaitDurationInHalfOpenState(Duration.ZERO)
                .build());
        breaker.getEventPublisher().onStateTransition(event -> {
            CircuitBreaker.State to = event.getStateTransition().getToState();
            Instant at = clock.now();
            if (to == CircuitBreaker.State.OPEN || to == CircuitBreaker.State.FORCED_OPEN) {
                lastOpened.put(participant, at);
                unavailableSince.putIfAbsent(participant, at);
            } else if (to == CircuitBreaker.State.CLOSED) {
                unavailableSince.remove(participant);
            } else if (to == CircuitBreaker.State.HALF_OPEN) {
                halfOpened.put(participant, at);
            }
            LOG.warn("Circuit breaker of participant {}: {}", participant, event.getStateTransition());
        });
        return breaker;
    }

    /** What a breaker records for a call that went wrong; no stack trace, it says nothing. */
    private static final class ParticipantUnwell extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ParticipantUnwell(String participant) {
            super(participant + " timed out or answered unavailable", null, false, false);
        }
    }

    /** The engine's clock, for Resilience4j, so that open breakers wait in the engine's time. */
    private static final class EngineClock extends java.time.Clock {
        private final Clock clock;

        EngineClock(Clock clock) {
            this.clock = clock;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return clock.now();
        }
    }
}
