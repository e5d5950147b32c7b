package dev.sagitta.testing;

import dev.sagitta.dsl.SagaDefinition;
import dev.sagitta.engine.SagaEngine;
import dev.sagitta.engine.SagaEngineBuilder;
import dev.sagitta.engine.spi.IdGenerator;
import dev.sagitta.engine.spi.PayloadCodec;
import dev.sagitta.engine.spi.SagaStore;
import dev.sagitta.engine.spi.TaskExecutor;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The engine a harness runs, and the next one after each crash: every life is an {@link
 * EngineProcess} fenced off from the store, broker and executor, which all outlive it. A planned
 * crash closes the dead engine (so it stops quietly) and starts the next once the crashing task is
 * over; {@link #crashAndRestart()} does both at once.
 *
 * <p>Used on the harness's one thread.
 */
final class RestartingEngine {

    /** Everything an engine is built from; the same for every life. */
    record Parts(List<SagaDefinition<?>> definitions, SagaStore store, InMemoryTransport broker, VirtualClock clock,
            ManualTaskExecutor executor, IdGenerator ids, PayloadCodec codec, Duration pollInterval,
            @Nullable TaskExecutor localSteps, Consumer<SagaEngineBuilder> options) {
    }

    private final Parts parts;
    private final CrashSwitch crashes;
    private Runnable afterCommit = () -> { };
    private int lives;
    private EngineProcess process;
    // Null only while the first engine starts.
    private @Nullable SagaEngine engine;

    RestartingEngine(Parts parts, CrashSwitch crashes) {
        this.parts = parts;
        this.crashes = crashes;
        this.process = newProcess();
        this.engine = newEngine(process);
        parts.executor().runUntilIdle();
    }

    SagaEngine current() {
        return Objects.requireNonNull(engine, "the first engine is still starting");
    }

    /** How many engines have run so far, this one included: changes at each restart. */
    int lives() {
        return lives;
    }

    /** Called after every commit any engine makes, from now on. */
    void afterEachCommit(Runnable observer) {
        this.afterCommit = Objects.requireNonNull(observer, "observer");
    }

    /** Ends this engine's life now, losing its memory, and starts the next on the same store and broker. */
    void crashAndRestart() {
        process.kill();
        current().close();
        restart();
        parts.executor().runUntilIdle();
    }

    private EngineProcess newProcess() {
        lives++;
        return new EngineProcess(crashes, this::afterPlannedCrash, () -> afterCommit.run());
    }

    private void afterPlannedCrash() {
        SagaEngine dead = engine;
        if (dead != null) {
            dead.close();
        }
        parts.executor().execute(this::restart);
    }

    private void restart() {
        process = newProcess();
        engine = newEngine(process);
    }

    private SagaEngine newEngine(EngineProcess life) {
        SagaEngineBuilder builder = SagaEngine.builder();
        // The test's own options first, so that the harness's store, broker, clock and executor win.
        parts.options().accept(builder);
        builder.store(life.store(parts.store()))
                .transport(life.transport(parts.broker()))
                .register(parts.definitions().toArray(SagaDefinition<?>[]::new))
                .clock(parts.clock())
                .idGenerator(parts.ids())
                .executor(life.executor(parts.executor()))
                .codec(parts.codec())
                .pollInterval(parts.pollInterval());
        if (parts.localSteps() != null) {
            builder.localStepExecutor(life.executor(parts.localSteps()));
        }
        SagaEngine created = builder.build();
        // The caller runs the executor once the new engine is in place: a crash planned during the
        // start must find this engine already installed, or its restart would be overwritten.
        created.start();
        return created;
    }
}
