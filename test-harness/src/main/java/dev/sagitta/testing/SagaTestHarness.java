package dev.sagitta.testing;

import dev.sagitta.dsl.SagaDefinition;
import dev.sagitta.engine.CancelResult;
import dev.sagitta.engine.OperatorActionResult;
import dev.sagitta.engine.JacksonPayloadCodec;
import dev.sagitta.engine.SagaEngine;
import dev.sagitta.engine.SagaEngineBuilder;
import dev.sagitta.engine.SagaHandle;
import dev.sagitta.engine.SagaStatus;
import dev.sagitta.engine.SagaView;
import dev.sagitta.engine.StartOptions;
import dev.sagitta.engine.UnknownSagaException;
import dev.sagitta.engine.spi.PayloadCodec;
import dev.sagitta.engine.spi.SagaStore;
import dev.sagitta.engine.spi.TaskExecutor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Runs sagas on one thread in virtual time: a real {@link SagaEngine} over an in-memory store (or
 * any store given), an {@link InMemoryTransport} broker with scripted participants, a {@link
 * VirtualClock} and a {@link ManualTaskExecutor}. Nothing happens between calls; each call runs the
 * engine until it has nothing left to do now, and {@link #advance(Duration)} lets time pass.
 *
 * <p>A {@link FaultPlan} makes things go wrong, the same way on every run: messages dropped,
 * duplicated or delayed, and a crash of the engine at a chosen {@link CrashPoint}, after which a new
 * engine starts on the same store and broker, as a restarted process would. A start or cancel that
 * a crash interrupts is sent again by the harness, as a client would; with a crash planned, a start
 * without a business key is given one ({@code harness-start-N}) so the retry cannot start it twice.
 *
 * <p>Meant for one test thread.
 *
 * <pre>{@code
 * SagaTestHarness harness = SagaTestHarness.builder()
 *     .register(TRIP)
 *     .participant("hotel-service", hotel -> hotel.on("trip.hotel.reserve", Reply.success(new Reserved("H1"))))
 *     .build();
 * SagaHandle trip = harness.startSaga(TRIP, new Trip("Lisbon"));
 * harness.advance(Duration.ofMinutes(1));
 * harness.assertThatSaga(trip.id()).isCompleted();
 * }</pre>
 */
public final class SagaTestHarness {

    /** Jackson is slow to warm up and thread-safe once set up: harnesses share one unless given another. */
    private static final PayloadCodec SHARED_CODEC = new JacksonPayloadCodec();

    private final List<SagaDefinition<?>> definitions;
    private final SagaStore store;
    private final VirtualClock clock;
    private final ManualTaskExecutor executor;
    private final PayloadCodec codec;
    private final InMemoryTransport transport;
    private final Duration pollInterval;
    private final FaultPlan faultPlan;
    private final CrashSwitch crashes;
    private final Map<String, ScriptedParticipant> scripted;
    private final Set<String> started = new LinkedHashSet<>();
    private final Attachments attachments;
    private final RestartingEngine engines;
    private final RetryingClient client;
    private final TerminalWait terminalWait;

    private SagaTestHarness(Builder builder) {
        this.definitions = List.copyOf(builder.definitions);
        this.clock = new VirtualClock(builder.startAt);
        this.executor = new ManualTaskExecutor(clock);
        this.store = builder.store.get();
        this.pollInterval = builder.pollInterval;
        this.codec = builder.codec;
        this.faultPlan = builder.faultPlan;
        this.attachments = builder.attachments.build();
        this.crashes = new CrashSwitch(faultPlan.crashPoint());
        this.transport = new InMemoryTransport(executor, clock,
                new SequentialIdGenerator(builder.idPrefix + "-reply"), codec, faultPlan);
        this.scripted = builder.participants.connectTo(transport, codec, clock);
        this.engines = new RestartingEngine(new RestartingEngine.Parts(definitions, store, transport, clock, executor,
                new SequentialIdGenerator(builder.idPrefix), codec, pollInterval, builder.localSteps,
                engine -> builder.engineOptions.forEach(option -> option.accept(engine))), crashes);
        this.client = new RetryingClient(engines, executor, faultPlan);
        this.terminalWait = new TerminalWait(store, executor, pollInterval);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts a saga and runs the engine until it has nothing left to do now. Read the saga through
     * the harness ({@link #view}, {@link #assertThatSaga}, {@link #runUntilTerminal}): the handle is
     * bound to the engine running now, which a planned crash replaces, and its {@code
     * awaitTermination} waits in real time, which never passes here. With a crash planned and no
     * business key given, the start gets one ({@code harness-start-N}) so a retried start is not a
     * second saga.
     */
    public <D> SagaHandle startSaga(SagaDefinition<D> definition, D data) {
        return startSaga(definition, data, StartOptions.none());
    }

    public <D> SagaHandle startSaga(SagaDefinition<D> definition, D data, StartOptions options) {
        SagaHandle handle = client.start(definition, data, options);
        started.add(handle.id());
        return handle;
    }

    /**
     * Starts a saga of the registered definition named {@code sagaType} (its highest version):
     * handy in a scenario whose definition is made per run.
     */
    public SagaHandle startSaga(String sagaType, Object data) {
        SagaDefinition<?> latest = definitions.stream()
                .filter(d -> d.name().equals(sagaType))
                .max(Comparator.comparingInt(SagaDefinition::version))
                .orElseThrow(() -> new IllegalArgumentException("no definition named '" + sagaType
                        + "' is registered; registered are " + definitions.stream().map(SagaDefinition::key).toList()));
        SagaHandle handle = client.startUnchecked(latest, data);
        started.add(handle.id());
        return handle;
    }

    /** Cancels a saga and runs the engine until it has nothing left to do now. */
    public CancelResult cancel(String sagaId, String reason) {
        return client.cancel(sagaId, reason);
    }

    /** Operator action {@link SagaEngine#retryNow}, run to its commit on the harness's thread. */
    public OperatorActionResult retryNow(String sagaId, String step, String operator, String reason) {
        return client.retryNow(sagaId, step, operator, reason);
    }

    /** Operator action {@link SagaEngine#forceCompensation}, run to its commit on the harness's thread. */
    public OperatorActionResult forceCompensation(String sagaId, String operator, String reason) {
        return client.forceCompensation(sagaId, operator, reason);
    }

    /** Operator action {@link SagaEngine#skipStep}, run to its commit on the harness's thread. */
    public OperatorActionResult skipStep(String sagaId, String step, @Nullable Object result, String operator,
            String reason) {
        return client.skipStep(sagaId, step, result, operator, reason);
    }

    /** Operator action {@link SagaEngine#markResolved}, run to its commit on the harness's thread. */
    public OperatorActionResult markResolved(String sagaId, String operator, String reason) {
        return client.markResolved(sagaId, operator, reason);
    }

    /** Operator action {@link SagaEngine#cancel(String, String, String)}, run to its commit on the harness's thread. */
    public CancelResult cancel(String sagaId, String operator, String reason) {
        return client.cancel(sagaId, operator, reason);
    }

    /** Runs whatever is ready now. */
    public void runUntilIdle() {
        executor.runUntilIdle();
    }

    /** Lets {@code duration} of virtual time pass, firing timers in order. */
    public void advance(Duration duration) {
        executor.advance(duration);
    }

    /**
     * Advances virtual time in poll-interval steps until the saga is terminal, for at most
     * {@code limit} of virtual time; returns its status then.
     */
    public SagaStatus runUntilTerminal(String sagaId, Duration limit) {
        return terminalWait.untilTerminal(sagaId, limit);
    }

    /**
     * Advances virtual time until every saga this harness started is terminal, for at most {@code
     * limit}; returns whether they all are.
     */
    public boolean runUntilAllTerminal(Duration limit) {
        return terminalWait.untilAllTerminal(started, limit);
    }

    /**
     * Simulates a crash and restart now: everything in the engine's memory is lost (timers, queued
     * events, work under way) and a new engine starts on the same store; the broker keeps what is in
     * flight and hands unacknowledged replies to the new engine.
     */
    public void crashAndRestart() {
        engines.crashAndRestart();
    }

    /** The saga as it stands, read from the store. */
    public SagaView view(String sagaId) {
        return engine().find(sagaId).orElseThrow(() -> new UnknownSagaException(sagaId));
    }

    public Optional<SagaView> find(String sagaId) {
        return engine().find(sagaId);
    }

    /** Fluent checks of a saga as it stands now. */
    public SagaAssert assertThatSaga(String sagaId) {
        return new SagaAssert(view(sagaId));
    }

    /** Fluent checks of the commands the broker carried to {@code participant}. */
    public CommandsAssert assertThatCommandsTo(String participant) {
        return new CommandsAssert(participant, transport.sentTo(participant));
    }

    /** The ids of the sagas started through this harness, in order. */
    public List<String> startedSagaIds() {
        return List.copyOf(started);
    }

    /** The scripted participant of this name. */
    public ScriptedParticipant participant(String name) {
        ScriptedParticipant participant = scripted.get(name);
        if (participant == null) {
            throw new IllegalArgumentException("no scripted participant '" + name + "'; scripted ones are "
                    + scripted.keySet() + " (participants given as a Participant keep no journal)");
        }
        return participant;
    }

    /** Every scripted participant, by name. */
    public Map<String, ScriptedParticipant> scriptedParticipants() {
        return Collections.unmodifiableMap(scripted);
    }

    /** The definitions the engine registers. */
    public List<SagaDefinition<?>> definitions() {
        return definitions;
    }

    /** The registered definition of this saga type and version, if any. */
    public Optional<SagaDefinition<?>> definition(String sagaType, int version) {
        return definitions.stream().filter(d -> d.name().equals(sagaType) && d.version() == version).findFirst();
    }

    /** Called after every commit the engine makes, from then on; for recording a run. */
    void afterEachCommit(Consumer<SagaTestHarness> observer) {
        Objects.requireNonNull(observer, "observer");
        engines.afterEachCommit(() -> observer.accept(this));
    }

    /** Counts sagas this harness did not start (restored into its store) among those it follows. */
    void follow(List<String> sagaIds) {
        started.addAll(sagaIds);
    }

    /** The object attached in the builder that is a {@code type} (its class, a superclass or an interface). */
    public <T> T attachment(Class<T> type) {
        return attachments.get(type);
    }

    /** How often the engine polls for due wake-ups and unsent commands, in virtual time. */
    public Duration pollInterval() {
        return pollInterval;
    }

    /** The plan this harness runs under. */
    public FaultPlan faultPlan() {
        return faultPlan;
    }

    /** Whether the planned crash has happened. */
    public boolean crashed() {
        return crashes.fired();
    }

    /** How many times the engine was restarted, after planned crashes or {@link #crashAndRestart()}. */
    public int restarts() {
        return engines.lives() - 1;
    }

    /** Every crash point the run has passed so far, in order: where it could have crashed. */
    public List<CrashPoint> crashPointsPassed() {
        return crashes.passed();
    }

    /** The timelines of every saga this harness started, for a failure message. */
    public String describe() {
        StringBuilder text = new StringBuilder("fault plan: ").append(faultPlan)
                .append("; messages: ").append(transport.faultSummary())
                .append("; restarts: ").append(restarts()).append('\n');
        for (String sagaId : started) {
            Optional<SagaView> saga = engine().find(sagaId);
            text.append("saga ").append(sagaId).append(": ")
                    .append(saga.map(v -> v.status() + "\n" + v.timelineText()).orElse("not found")).append('\n');
        }
        return text.toString();
    }

    /** The engine running now (a new one after each restart). */
    public SagaEngine engine() {
        return engines.current();
    }

    public InMemoryTransport transport() {
        return transport;
    }

    public SagaStore store() {
        return store;
    }

    public VirtualClock clock() {
        return clock;
    }

    public PayloadCodec codec() {
        return codec;
    }

    /**
     * Configures a harness. Not thread-safe. Defaults: an {@link InMemorySagaStore}, polling every
     * 100 ms, ids prefixed {@code id}, a Jackson codec, no faults, virtual time from {@link
     * VirtualClock#DEFAULT_START}.
     */
    public static final class Builder {
        private final List<SagaDefinition<?>> definitions = new ArrayList<>();
        private final HarnessParticipants participants = new HarnessParticipants();
        private Supplier<SagaStore> store = InMemorySagaStore::new;
        private Duration pollInterval = Duration.ofMillis(100);
        private String idPrefix = "id";
        private PayloadCodec codec = SHARED_CODEC;
        private FaultPlan faultPlan = FaultPlan.none();
        private final Attachments.Collector attachments = new Attachments.Collector();
        private Instant startAt = VirtualClock.DEFAULT_START;
        private @Nullable TaskExecutor localSteps;
        private final List<Consumer<SagaEngineBuilder>> engineOptions = new ArrayList<>();

        private Builder() {
        }

        /**
         * Runs local steps and local compensations on {@code executor} (real threads) instead of the
         * harness's thread: for a test of a local function that blocks, such as one cut off by its
         * time limit. Their time limits still pass in virtual time. A result that arrives from such a
         * thread is applied by the next {@link #runUntilIdle()} or {@link #advance}, so wait for it
         * under Awaitility. The caller keeps ownership and closes it.
         */
        /**
         * Sets engine options the harness has no method for on every engine it starts, for example
         * {@code .engine(e -> e.circuitBreakers(config).meterRegistry(meters))}: circuit breakers run
         * in virtual time, and a restarted engine has fresh ones, as a restarted process would. The
         * harness's own store, broker, clock, ids, executor and poll interval are set after these.
         */
        public Builder engine(Consumer<SagaEngineBuilder> options) {
            engineOptions.add(Objects.requireNonNull(options, "options"));
            return this;
        }

        public Builder localStepsOn(TaskExecutor executor) {
            this.localSteps = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /** Ids are {@code prefix-1}, {@code prefix-2}, ...; give harnesses that share a store different prefixes. */
        public Builder idPrefix(String prefix) {
            if (prefix == null || prefix.isBlank()) {
                throw new IllegalArgumentException("idPrefix must not be blank");
            }
            this.idPrefix = prefix;
            return this;
        }

        public Builder register(SagaDefinition<?>... more) {
            for (SagaDefinition<?> definition : more) {
                definitions.add(Objects.requireNonNull(definition, "definition"));
            }
            return this;
        }

        /** A participant written by hand: it answers each command with the replies it returns. */
        public Builder customParticipant(String name, Participant participant) {
            participants.custom(name, participant);
            return this;
        }

        /** A scripted participant that keeps a journal: {@code hotel -> hotel.on("trip.hotel.reserve", Reply.success())}. */
        public Builder participant(String name, Consumer<ParticipantScript> script) {
            participants.scripted(name, script);
            return this;
        }

        /** Runs the engine on another store, for example the jOOQ store on H2. */
        public Builder store(SagaStore sagaStore) {
            Objects.requireNonNull(sagaStore, "store");
            this.store = () -> sagaStore;
            return this;
        }

        public Builder pollInterval(Duration interval) {
            if (interval.isZero() || interval.isNegative()) {
                throw new IllegalArgumentException("pollInterval must be positive, was " + interval);
            }
            this.pollInterval = interval;
            return this;
        }

        /** The codec for saga data and messages; share one across many harnesses to save start-up. */
        public Builder codec(PayloadCodec payloadCodec) {
            this.codec = Objects.requireNonNull(payloadCodec, "codec");
            return this;
        }

        /**
         * Keeps a test's own object with the harness, one per type, for example a fake ledger its local
         * steps write to, so an invariant can read it back with {@link SagaTestHarness#attachment(Class)}.
         */
        public Builder attach(Object value) {
            attachments.add(value);
            return this;
        }

        /** Where virtual time starts. Default: {@link VirtualClock#DEFAULT_START}. */
        public Builder startAt(Instant start) {
            this.startAt = Objects.requireNonNull(start, "start");
            return this;
        }

        /** What goes wrong in the run. Default: {@link FaultPlan#none()}. */
        public Builder faults(FaultPlan plan) {
            this.faultPlan = Objects.requireNonNull(plan, "faults");
            return this;
        }

        List<SagaDefinition<?>> definitions() {
            return List.copyOf(definitions);
        }

        PayloadCodec codec() {
            return codec;
        }

        public SagaTestHarness build() {
            return new SagaTestHarness(this);
        }
    }
}
