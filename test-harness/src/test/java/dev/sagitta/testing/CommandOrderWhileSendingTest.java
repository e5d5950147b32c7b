package dev.sagitta.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sagitta.dsl.RetryPolicy;
import dev.sagitta.dsl.Saga;
import dev.sagitta.dsl.SagaDefinition;
import dev.sagitta.engine.SagaEngine;
import dev.sagitta.engine.SagaHandle;
import dev.sagitta.engine.SagaStatus;
import dev.sagitta.engine.StartOptions;
import dev.sagitta.engine.spi.CommandMessage;
import dev.sagitta.engine.spi.ReplyMessage;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A saga's next transition does not wait for the send of its last command to return (over a broker,
 * for that command's publisher confirm): once the reply to that command is in, the next command goes
 * at once. A command the saga sends for any other reason, such as a retry after a timeout, still
 * waits for the send before it, so a saga's commands reach the transport in the order they were
 * committed.
 */
class CommandOrderWhileSendingTest {

    record Order(String id) {
    }

    private static final SagaDefinition<Order> ORDER = Saga.define("order", Order.class)
            .step("reserve", s -> s.invoke("stock", "order.stock.reserve", o -> o).retriable())
            .step("ship", s -> s.invoke("shipping", "order.shipping.ship", o -> o).retriable()
                    .timeout(Duration.ofSeconds(1)).retry(RetryPolicy.fixed(3, Duration.ofMillis(100))))
            .step("invoice", s -> s.invoke("billing", "order.billing.invoice", o -> o).retriable())
            .build();

    private final VirtualClock clock = new VirtualClock();
    private final ManualTaskExecutor engineThreads = new ManualTaskExecutor(clock);
    private final RecordingTransport transport = new RecordingTransport();
    private SagaEngine engine;

    @AfterEach
    void closeEngine() {
        transport.sends.release();
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void theReplyToACommandStillBeingSentIsCommittedAndTheNextCommandSentAtOnce() throws Exception {
        engine = engine();
        SagaHandle order = startOrder();
        CompletableFuture<Void> shipSending = replyOnAnotherThreadHoldingTheNextSend(order);

        CompletionStage<Void> shipped = transport.sink.acceptOnCallingThread(successOf(transport.sent("shipping", 1)));

        assertThat(shipped.toCompletableFuture()).isCompleted();
        assertThat(transport.sentParticipants()).containsExactly("stock", "shipping", "billing");
        assertThat(shipSending).isNotDone();
        transport.sends.release();
        shipSending.get(10, TimeUnit.SECONDS);
        transport.sink.acceptOnCallingThread(successOf(transport.sent("billing", 1)));
        assertThat(engine.find(order.id()).orElseThrow().status()).isEqualTo(SagaStatus.COMPLETED);
    }

    @Test
    void aRetryCommittedWhileTheFirstAttemptIsStillBeingSentIsSentAfterIt() throws Exception {
        engine = engine();
        SagaHandle order = startOrder();
        CompletableFuture<Void> shipSending = replyOnAnotherThreadHoldingTheNextSend(order);

        // No reply to the first attempt: it times out and the retry is committed, still during its send.
        clock.advance(Duration.ofMillis(1_100));
        engine.pollNow();
        engineThreads.runUntilIdle();
        clock.advance(Duration.ofMillis(200));
        engine.pollNow();
        engineThreads.runUntilIdle();
        assertThat(engine.find(order.id()).orElseThrow().steps()).anySatisfy(step -> {
            assertThat(step.name()).isEqualTo("ship");
            assertThat(step.attempts()).isEqualTo(2);
        });

        assertThat(transport.sentParticipants()).containsExactly("stock", "shipping");
        transport.sends.release();
        shipSending.get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> transport.sentParticipants().size() == 3);
        assertThat(transport.sentAttempts("shipping")).containsExactly(1, 2);
    }

    private SagaEngine engine() {
        SagaEngine made = SagaEngine.builder().store(new InMemorySagaStore()).transport(transport).register(ORDER)
                .clock(clock).idGenerator(new SequentialIdGenerator("s")).executor(engineThreads)
                .localStepExecutor(engineThreads).build();
        made.start();
        return made;
    }

    private SagaHandle startOrder() {
        CompletableFuture<SagaHandle> started = engine.startSagaAsync(ORDER, new Order("o"), StartOptions.none());
        engineThreads.runUntilIdle();
        return started.join();
    }

    /**
     * A consumer thread commits the reply to the first step and sends the "ship" command, whose send
     * then waits, as for a broker's publisher confirm, until {@link OneHeldCall#release}.
     */
    private CompletableFuture<Void> replyOnAnotherThreadHoldingTheNextSend(SagaHandle order) throws Exception {
        transport.sends.holdNext();
        CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> transport.sink
                .acceptOnCallingThread(successOf(transport.sent("stock", 1))).toCompletableFuture().join());
        assertThat(transport.sends.awaitHeld()).isTrue();
        assertThat(transport.sent("shipping", 1).sagaId()).isEqualTo(order.id());
        return sending;
    }

    private ReplyMessage successOf(CommandMessage command) {
        return RecordingTransport.successOf(command, clock.now());
    }
}
