package dev.sagitta.testing;

import dev.sagitta.dsl.SagaDefinition;
import dev.sagitta.engine.CancelResult;
import dev.sagitta.engine.JacksonPayloadCodec;
import dev.sagitta.engine.SagaEngine;
import dev.sagitta.engine.SagaHandle;
import dev.sagitta.engine.SagaStatus;
import dev.sagitta.engine.SagaView;
import dev.sagitta.engine.StartOptions;
import dev.sagitta.engine.UnknownSagaException;
import dev.sagitta.engine.spi.PayloadCodec;
import dev.sagitta.engine.spi.SagaStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Runs sagas on one thread in virtual time: a real {@link SagaEngine} over an in-memory store (or
 * any store given), an {@link InMemoryTransport} with scripted participants, a {@link VirtualClock}
 * and a {@link ManualTaskExecutor}. Nothing happens between calls; each call runs the engine until
 * it has nothing left to do now.
 *
 * <p>Meant for one test thread.
 *
 * <pre>{@code
 * SagaTestHarness harness = SagaTestHarness.builder()
 *     .register(TRIP)
 *     .participant("hotel-service", command -> List.of(ParticipantResponse.success(new HotelBooked("H1"))))
 *     .build();
 * SagaHandle trip = harness.startSaga(TRIP, new Trip("Lisbon"));
 * harness.advance(Duration.ofMinutes(1));
 * assertThat(harness.view(trip.id()).status()).isEqualTo(SagaStatus.COMPLETED);
 * }</pre>
 */
public final class SagaTestHarness {

    private final List<SagaDefinition<?>> definitions;
    private final SagaStore store;
    private final VirtualClock clock = new VirtualClock();
    private final ManualTaskExecutor executor = new ManualTaskExecutor(clock);
    private final SequentialIdGenerator ids;
    private final PayloadCodec codec = new JacksonPayloadCodec();
    private final InMemoryTransport transport;
    private final Duration pollInterval;
    private SagaEngine engine;

    private SagaTestHarness(Builder builder) {
        this.definitions = List.copyOf(builder.definitions);
        this.ids = new SequentialIdGenerator(builder.idPrefix);
        this.store = builder.store.get();
        this.pollInterval = builder.pollInterval;
        this.transport = new InMemoryTransport(executor, clock,
                new SequentialIdGenerator(builder.idPrefix + "-reply"), codec);
        builder.participants.forEach(p -> transport.participant(p.name(), p.participant()));
        this.engine = newEngine();
    }

    public static Builder builder() {
        return new Builder();
    }

    private SagaEngine newEngine() {
        SagaEngine created = SagaEngine.builder()
                .store(store)
                .transport(transport)
                .register(definitions.toArray(SagaDefinition<?>[]::new))
                .clock(clock)
                .idGenerator(ids)
                .executor(executor)
                .codec(codec)
                .pollInterval(pollInterval)
                .build();
        created.start();
        executor.runUntilIdle();
        return created;
    }

    /** Starts a saga and runs the engine until it has nothing left to do now. */
    public <D> SagaHandle startSaga(SagaDefinition<D> definition, D data) {
        return startSaga(definition, data, StartOptions.none());
    }

    public <D> SagaHandle startSaga(SagaDefinition<D> definition, D data, StartOptions options) {
        CompletableFuture<SagaHandle> started = engine.startSagaAsync(definition, data, options);
        executor.runUntilIdle();
        return finished(started, "start");
    }

    /** Cancels a saga and runs the engine until it has nothing left to do now. */
    public CancelResult cancel(String sagaId, String reason) {
        CompletableFuture<CancelResult> result = engine.cancelAsync(sagaId, reason);
        executor.runUntilIdle();
        return finished(result, "cancel");
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
        Duration passed = Duration.ZERO;
        executor.runUntilIdle();
        while (!view(sagaId).status().isTerminal() && passed.compareTo(limit) < 0) {
            executor.advance(pollInterval);
            passed = passed.plus(pollInterval);
        }
        return view(sagaId).status();
    }

    /**
     * Simulates a crash and restart: all work in memory is lost (scheduled timers, queued events,
     * messages in flight inside the process) and a new engine starts on the same store.
     */
    public void crashAndRestart() {
        executor.dropAll();
        engine = newEngine();
        transport.resumeAfterCrash();
        executor.runUntilIdle();
    }

    public SagaView view(String sagaId) {
        return engine.find(sagaId).orElseThrow(() -> new UnknownSagaException(sagaId));
    }

    public SagaEngine engine() {
        return engine;
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

    private static <T> T finished(CompletableFuture<T> future, String what) {
        if (!future.isDone()) {
            throw new IllegalStateException(what + " did not finish although the engine is idle");
        }
        return future.join();
    }

    /**
     * Configures a harness. Not thread-safe. Defaults: an {@link InMemorySagaStore}, polling every
     * 100 ms, ids prefixed {@code id}.
     */
    public static final class Builder {
        private final List<SagaDefinition<?>> definitions = new ArrayList<>();
        private final List<NamedParticipant> participants = new ArrayList<>();
        private Supplier<SagaStore> store = InMemorySagaStore::new;
        private Duration pollInterval = Duration.ofMillis(100);
        private String idPrefix = "id";

        private Builder() {
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

        public Builder participant(String name, Participant participant) {
            participants.add(new NamedParticipant(Objects.requireNonNull(name, "name"),
                    Objects.requireNonNull(participant, "participant")));
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

        public SagaTestHarness build() {
            return new SagaTestHarness(this);
        }
    }

    private record NamedParticipant(String name, Participant participant) {
    }
}
