package dev.sagitta.engine.internal;

import dev.sagitta.dsl.SagaDefinition;
import dev.sagitta.engine.spi.Clock;
import dev.sagitta.engine.spi.CommandTransport;
import dev.sagitta.engine.spi.IdGenerator;
import dev.sagitta.engine.spi.PayloadCodec;
import dev.sagitta.engine.spi.SagaStore;
import dev.sagitta.engine.spi.TaskExecutor;
import java.time.Duration;
import java.util.List;

/**
 * Everything an engine is built from, as validated by {@code SagaEngine.Builder}. Immutable.
 *
 * @param ownsExecutor        whether the engine created the executor and so closes it
 * @param localStepExecutor   where local steps run (user code), apart from the engine's own work
 * @param ownsLocalExecutor   whether the engine created that executor and so closes it
 * @param breakers            the participants' circuit breakers
 */
public record EngineConfig(
        SagaStore store,
        CommandTransport transport,
        List<SagaDefinition<?>> definitions,
        Clock clock,
        IdGenerator ids,
        TaskExecutor executor,
        boolean ownsExecutor,
        TaskExecutor localStepExecutor,
        boolean ownsLocalExecutor,
        PayloadCodec codec,
        int batchSize,
        int concurrentBatches,
        Duration pollInterval,
        Duration claimLease,
        Duration outboxGrace,
        int pollLimit,
        ParticipantBreakers breakers) {

    public EngineConfig {
        definitions = List.copyOf(definitions);
    }
}
