package dev.sagitta.engine;

import dev.sagitta.dsl.SagaDefinition;
import dev.sagitta.engine.internal.EngineConfig;
import dev.sagitta.engine.internal.EngineRuntime;
import dev.sagitta.engine.internal.ParticipantBreakers;
import dev.sagitta.engine.spi.Clock;
import dev.sagitta.engine.spi.CommandTransport;
import dev.sagitta.engine.spi.IdGenerator;
import dev.sagitta.engine.spi.PayloadCodec;
import dev.sagitta.engine.spi.SagaStore;
import dev.sagitta.engine.spi.TaskExecutor;
import java.time.Duration;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link SagaEngine}. Each setter rejects a bad value at once, naming it.
 *
 * <p>Not thread-safe. Required: {@link #store}, {@link #transport} and at least one
 * {@link #register definition}. Defaults: system clock, random UUID ids, JSON through Jackson, a
 * pool of 4 daemon threads for the engine's work and another of 4 for local steps (both closed
 * with the engine), batches of up to 64 events with up to 2
 * batches in progress at once, a poll for due
 * wake-ups every 250 ms, claims held for 30 s, unsent outbox rows picked up by the relay after 5 s,
 * and no circuit breakers.
 */
public final class SagaEngineBuilder {

    private @Nullable SagaStore store;
    private @Nullable CommandTransport transport;
    private final List<SagaDefinition<?>> definitions = new ArrayList<>();
    private Clock clock = Clock.system();
    private IdGenerator ids = IdGenerator.randomUuids();
    private @Nullable TaskExecutor executor;
    private @Nullable TaskExecutor localStepExecutor;
    // Made at build() only if none was given: a Jackson mapper is costly to create and warm up.
    private @Nullable PayloadCodec codec;
    private int batchSize = 64;
    private int concurrentBatches = 2;
    private Duration pollInterval = Duration.ofMillis(250);
    private Duration claimLease = Duration.ofSeconds(30);
    private Duration outboxGrace = Duration.ofSeconds(5);
    private int pollLimit = 256;
    private @Nullable CircuitBreakerConfig circuitBreakerDefaults;
    private final Map<String, CircuitBreakerConfig> circuitBreakers = new LinkedHashMap<>();
    private @Nullable MeterRegistry meters;

    SagaEngineBuilder() {
    }

    /** Where sagas live. */
    public SagaEngineBuilder store(SagaStore store) {
        this.store = Objects.requireNonNull(store, "store");
        return this;
    }

    /** How commands reach participants and replies come back. */
    public SagaEngineBuilder transport(CommandTransport transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
        return this;
    }

    /** Registers definitions; register every version that unfinished sagas in the store still use. */
    public SagaEngineBuilder register(SagaDefinition<?>... definitions) {
        for (SagaDefinition<?> definition : definitions) {
            this.definitions.add(Objects.requireNonNull(definition, "definition"));
        }
        return this;
    }

    public SagaEngineBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    public SagaEngineBuilder idGenerator(IdGenerator ids) {
        this.ids = Objects.requireNonNull(ids, "idGenerator");
        return this;
    }

    /**
     * Runs the engine's own work (batches, polling, dispatch) and, unless
     * {@link #localStepExecutor} says otherwise, local steps too; the caller keeps ownership and
     * closes it.
     */
    public SagaEngineBuilder executor(TaskExecutor executor) {
        this.executor = Objects.requireNonNull(executor, "executor");
        return this;
    }

    /**
     * Runs local steps and local compensations (user code, which may block), apart from the
     * engine's own work so a slow step cannot stall commits and polling. The caller keeps
     * ownership and closes it.
     */
    public SagaEngineBuilder localStepExecutor(TaskExecutor executor) {
        this.localStepExecutor = Objects.requireNonNull(executor, "localStepExecutor");
        return this;
    }

    public SagaEngineBuilder codec(PayloadCodec codec) {
        this.codec = Objects.requireNonNull(codec, "codec");
        return this;
    }

    /** The most events one commit may carry, 1 or more. */
    public SagaEngineBuilder batchSize(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
        }
        this.batchSize = batchSize;
        return this;
    }

    /**
     * How many batches may be applied and committed at once, 1 or more (default 2): while one waits
     * for its commit, the next is prepared. A saga is never in two at once. A thread of the engine's
     * executor keeps its batch's slot while it sends the batch's commands (which over a broker may
     * wait for publisher confirms), so the executor's threads that run batches stay within this
     * number; a caller's thread that runs a batch itself (a reply consumer, {@code startSaga}) gives
     * the slot back before it sends. A caller that waits for its event sends that event's commands
     * itself as a rule, whichever thread's batch committed it (not when that batch was done before
     * the caller began to wait).
     */
    public SagaEngineBuilder concurrentBatches(int batches) {
        if (batches < 1) {
            throw new IllegalArgumentException("concurrentBatches must be at least 1, was " + batches);
        }
        this.concurrentBatches = batches;
        return this;
    }

    /** How often the store is polled for due wake-ups (timeouts, retries, deadlines) and unsent commands. */
    public SagaEngineBuilder pollInterval(Duration interval) {
        this.pollInterval = positive(interval, "pollInterval");
        return this;
    }

    /** How long a node holds a claimed wake-up or outbox row before another node may take it over. */
    public SagaEngineBuilder claimLease(Duration lease) {
        this.claimLease = positive(lease, "claimLease");
        return this;
    }

    /** How long the relay leaves a fresh outbox row to the node that wrote it before sending it itself. */
    public SagaEngineBuilder outboxGrace(Duration grace) {
        this.outboxGrace = positive(grace, "outboxGrace");
        return this;
    }

    /** The most due sagas or outbox rows one poll claims. */
    public SagaEngineBuilder pollLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("pollLimit must be at least 1, was " + limit);
        }
        this.pollLimit = limit;
        return this;
    }

    /**
     * Gives every participant a Resilience4j circuit breaker with {@code config} (for example
     * {@code CircuitBreakerConfig.ofDefaults()}). It counts replies, failure replies that say the
     * participant is unwell ({@code timeout}, {@code unavailable}, {@code rate-limited},
     * {@code unexpected}) and reply timeouts; while it is open, remote steps aimed at the participant
     * do as their {@link dev.sagitta.dsl.WhenCircuitOpen} says, waiting by default. Breakers run on
     * the engine's clock and live in memory, one set per engine. Resilience4j's own timed transitions
     * ({@code automaticTransitionFromOpenToHalfOpenEnabled}, {@code maxWaitDurationInHalfOpenState})
     * are turned off, since they run on a thread of their own in wall time; instead a breaker that
     * stays half-open for longer than its open wait without a trial answered opens again.
     */
    public SagaEngineBuilder circuitBreakers(CircuitBreakerConfig config) {
        this.circuitBreakerDefaults = Objects.requireNonNull(config, "circuitBreakers");
        return this;
    }

    /** A circuit breaker for {@code participant} alone, over {@link #circuitBreakers(CircuitBreakerConfig)}. */
    public SagaEngineBuilder circuitBreaker(String participant, CircuitBreakerConfig config) {
        Objects.requireNonNull(participant, "participant");
        if (participant.isBlank()) {
            throw new IllegalArgumentException("participant must not be blank: name the participant the breaker guards");
        }
        circuitBreakers.put(participant, Objects.requireNonNull(config, "config"));
        return this;
    }

    /** Where the circuit breakers' meters go (Resilience4j's tagged metrics). None by default. */
    public SagaEngineBuilder meterRegistry(MeterRegistry registry) {
        this.meters = Objects.requireNonNull(registry, "meterRegistry");
        return this;
    }

    public SagaEngine build() {
        if (store == null) {
            throw new IllegalStateException("no store: call store(...), for example with SagaStores.embeddedH2(dir)");
        }
        if (transport == null) {
            throw new IllegalStateException("no transport: call transport(...), for example a CamelCommandTransport");
        }
        if (definitions.isEmpty()) {
            throw new IllegalStateException("no saga definitions: call register(definition) at least once");
        }
        boolean ownsExecutor = executor == null;
        TaskExecutor effectiveExecutor = ownsExecutor ? TaskExecutor.threadPool("sagitta", 4) : executor;
        // An application that brings its own executor (the test harness does) runs everything on it.
        boolean ownsLocalExecutor = localStepExecutor == null && ownsExecutor;
        TaskExecutor localExecutor = localStepExecutor != null ? localStepExecutor
                : ownsLocalExecutor ? TaskExecutor.threadPool("sagitta-local", 4) : effectiveExecutor;
        EngineConfig config = new EngineConfig(store, transport, definitions, clock, ids, effectiveExecutor,
                ownsExecutor, localExecutor, ownsLocalExecutor, codec != null ? codec : new JacksonPayloadCodec(), batchSize, concurrentBatches, pollInterval, claimLease, outboxGrace, pollLimit,
                new ParticipantBreakers(circuitBreakerDefaults, circuitBreakers, clock, meters));
        return new SagaEngine(new EngineRuntime(config));
    }

    private static Duration positive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
        return value;
    }
}
