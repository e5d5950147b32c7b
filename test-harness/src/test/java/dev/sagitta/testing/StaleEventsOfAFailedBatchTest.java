package dev.sagitta.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagitta.dsl.Saga;
import dev.sagitta.dsl.SagaDefinition;
import dev.sagitta.engine.SagaEngine;
import dev.sagitta.engine.SagaHandle;
import dev.sagitta.engine.StartOptions;
import dev.sagitta.engine.spi.CommandMessage;
import dev.sagitta.engine.spi.ReplyMessage;
import dev.sagitta.engine.spi.StoreConflictException;
import dev.sagitta.engine.spi.TransitionBatch;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A batch that meets a conflict gives back the events of the sagas another node moved, to be read
 * afresh, and commits the rest together. If the rest then fails in a way the batch cannot handle,
 * only the rest is reported failed: the events given back were not applied, and a later batch
 * commits them.
 */
class StaleEventsOfAFailedBatchTest {

    record Order(String id) {
    }

    private static final SagaDefinition<Order> ORDER = Saga.define("order", Order.class)
            .step("reserve", s -> s.invoke("stock", "order.stock.reserve", o -> o).retriable())
            .step("ship", s -> s.invoke("shipping", "order.shipping.ship", o -> o).retriable())
            .build();

    private final VirtualClock clock = new VirtualClock();
    private final ManualTaskExecutor engineThreads = new ManualTaskExecutor(clock);
    private final ScriptedStore store = new ScriptedStore();
    private final RecordingTransport transport = new RecordingTransport();
    private SagaEngine engine;

    @AfterEach
    void closeEngine() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void anEventGivenBackAfterAConflictIsCommittedLaterThoughTheRestOfItsBatchFailed() {
        engine = SagaEngine.builder().store(store).transport(transport).register(ORDER).clock(clock)
                .idGenerator(new SequentialIdGenerator("s")).executor(engineThreads).concurrentBatches(1).build();
        engine.start();
        SagaHandle moved = startOrder();
        SagaHandle failing = startOrder();
        CompletableFuture<Void> movedReply = accept(moved);
        CompletableFuture<Void> failingReply = accept(failing);
        // Their batch: the first commit finds one saga moved by another node, the commit of the rest fails
        // beyond what the batch handles.
        store.failNextCommits(new StoreConflictException("moved by another node", Set.of(moved.id())),
                new Error("the disk is gone"));

        engineThreads.runUntilIdle();

        assertThat(failingReply).isCompletedExceptionally();
        assertThat(movedReply).isCompleted();
        assertThat(transport.commandsTo("shipping")).extracting(CommandMessage::sagaId).containsExactly(moved.id());
    }

    private SagaHandle startOrder() {
        CompletableFuture<SagaHandle> started = engine.startSagaAsync(ORDER, new Order("o"), StartOptions.none());
        engineThreads.runUntilIdle();
        return started.join();
    }

    /** Hands in the success of {@code saga}'s stock command; the engine applies it when its threads run. */
    private CompletableFuture<Void> accept(SagaHandle saga) {
        ReplyMessage reply = RecordingTransport.successOf(transport.sentTo("stock", saga.id()), clock.now());
        return transport.sink.accept(reply).toCompletableFuture();
    }

    /** An in-memory store whose next commits, when told, throw what they are given instead. */
    private static final class ScriptedStore extends ForwardingSagaStore {

        private final ConcurrentLinkedDeque<Throwable> failures = new ConcurrentLinkedDeque<>();

        void failNextCommits(Throwable... next) {
            failures.addAll(List.of(next));
        }

        @Override
        public void commit(TransitionBatch batch) {
            Throwable failure = failures.poll();
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            super.commit(batch);
        }
    }
}
