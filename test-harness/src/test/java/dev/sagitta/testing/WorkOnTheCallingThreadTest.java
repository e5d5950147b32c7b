package dev.sagitta.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.sagitta.dsl.Saga;
import dev.sagitta.dsl.SagaDefinition;
import dev.sagitta.engine.EngineClosedException;
import dev.sagitta.engine.SagaEngine;
import dev.sagitta.engine.SagaHandle;
import dev.sagitta.engine.SagaStatus;
import dev.sagitta.engine.StartOptions;
import dev.sagitta.engine.spi.CommandMessage;
import dev.sagitta.engine.spi.ReplyMessage;
import dev.sagitta.engine.spi.SagaStore;
import dev.sagitta.engine.spi.TransitionBatch;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A thread that waits for the engine anyway, or has nothing left to do, does the engine's work
 * itself: a transport's consumer thread commits its reply, a caller of {@code startSaga} its start,
 * the engine's own local-step thread the step's result, each before returning and without waking
 * another thread. A batch that is still sending its commands holds no slot; when every slot is busy
 * committing, the caller waits for the batch that commits its event, then sends its own saga's
 * commands, so the commands of one batch go out side by side; threads the caller gave for local
 * steps run the steps only.
 */
class WorkOnTheCallingThreadTest {

    record Order(String id) {
    }

    private static final SagaDefinition<Order> ORDER = Saga.define("order", Order.class)
            .step("reserve", s -> s.invoke("stock", "order.stock.reserve", o -> o).retriable())
            .step("ship", s -> s.invoke("shipping", "order.shipping.ship", o -> o).retriable())
            .build();

    private static final SagaDefinition<Order> LOCAL = Saga.define("local-order", Order.class)
            .step("price", s -> s.local((order, context) -> order).retriable())
            .step("ship", s -> s.invoke("shipping", "order.shipping.ship", o -> o).retriable())
            .build();

    private final VirtualClock clock = new VirtualClock();
    private final ManualTaskExecutor engineThreads = new ManualTaskExecutor(clock);
    private final ManualTaskExecutor localStepThreads = new ManualTaskExecutor(clock);
    private final RecordingTransport transport = new RecordingTransport();
    private SagaEngine engine;

    @AfterEach
    void closeEngine() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void aReplyHandedInOnTheCallingThreadIsCommittedAndItsNextCommandSentBeforeTheCallReturns() {
        engine = engineOn(new InMemorySagaStore(), 2);
        SagaHandle order = startOrder();
        long engineTasksBefore = engineThreads.tasksRun();

        CompletionStage<Void> accepted = transport.sink.acceptOnCallingThread(successOf(transport.sentTo("stock")));

        assertThat(accepted.toCompletableFuture()).isCompleted();
        assertThat(transport.sendingThreads("shipping")).containsExactly(Thread.currentThread().getName());
        assertThat(engineThreads.tasksRun()).isEqualTo(engineTasksBefore);
        transport.sink.acceptOnCallingThread(successOf(transport.sentTo("shipping")));
        assertThat(engine.find(order.id()).orElseThrow().status()).isEqualTo(SagaStatus.COMPLETED);
    }

    @Test
    void startSagaCommitsTheStartAndSendsTheFirstCommandOnTheCallingThread() {
        engine = engineOn(new InMemorySagaStore(), 2);

        List<String> caller = new CopyOnWriteArrayList<>();

        // Before, this waited forever: only the engine's threads, which run here when told to, committed.
        SagaHandle order = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            caller.add(Thread.currentThread().getName());
            return engine.startSaga(ORDER, new Order("o-1"));
        });

        assertThat(engine.find(order.id()).orElseThrow().status()).isEqualTo(SagaStatus.RUNNING);
        assertThat(transport.sendingThreads("stock")).isEqualTo(caller);
        assertThat(engineThreads.tasksRun()).isZero();
    }

    @Test
    void theEnginesOwnThreadThatRanALocalStepCommitsTheStepsResultAndSendsTheNextCommand() {
        // Local steps on the engine's own executor, whose threads run here when told to.
        engine = SagaEngine.builder().store(new InMemorySagaStore()).transport(transport).register(LOCAL)
                .clock(clock).executor(engineThreads).localStepExecutor(engineThreads).build();
        engine.start();
        engineThreads.runUntilIdle();
        engine.startSaga(LOCAL, new Order("o-1"));
        long engineTasksBefore = engineThreads.tasksRun();

        engineThreads.runUntilIdle();

        assertThat(transport.sendingThreads("shipping")).containsExactly(Thread.currentThread().getName());
        assertThat(engineThreads.tasksRun() - engineTasksBefore).as("the local step, and no batch of its own").isOne();
    }

    @Test
    void aLocalStepExecutorOfTheCallersOwnRunsTheStepButLeavesItsResultToTheEngine() {
        engine = engineOn(new InMemorySagaStore(), 2);
        engine.startSagaAsync(LOCAL, new Order("o-1"), StartOptions.none());
        engineThreads.runUntilIdle();

        localStepThreads.runUntilIdle();

        assertThat(transport.sendingThreads("shipping")).isEmpty();
        engineThreads.runUntilIdle();
        assertThat(transport.sendingThreads("shipping")).containsExactly(Thread.currentThread().getName());
    }

    @Test
    void aReplyHandedInTheUsualWayWaitsForAnEngineThread() {
        engine = engineOn(new InMemorySagaStore(), 2);
        startOrder();

        CompletionStage<Void> accepted = transport.sink.accept(successOf(transport.sentTo("stock")));

        assertThat(accepted.toCompletableFuture()).isNotDone();
        engineThreads.runUntilIdle();
        assertThat(accepted.toCompletableFuture()).isCompleted();
        assertThat(transport.sendingThreads("shipping")).containsExactly(Thread.currentThread().getName());
    }

    @Test
    void anInterruptedCallerLeavesItsReplyToTheEngineRatherThanFailOtherSagasEvents() {
        engine = engineOn(new InMemorySagaStore(), 2);
        startOrder();
        CompletionStage<Void> accepted;

        Thread.currentThread().interrupt();
        try {
            accepted = transport.sink.acceptOnCallingThread(successOf(transport.sentTo("stock")));
        } finally {
            Thread.interrupted();
        }

        assertThat(accepted.toCompletableFuture()).isNotDone();
        engineThreads.runUntilIdle();
        assertThat(accepted.toCompletableFuture()).isCompleted();
    }

    @Test
    void aReplyHandedInFromInsideABatchIsLeftToTheEngineInsteadOfNestingASecondBatch() {
        engine = engineOn(new InMemorySagaStore(), 2);
        SagaHandle first = startOrder();
        SagaHandle second = startOrder();
        List<Boolean> nestedDoneOnReturn = new CopyOnWriteArrayList<>();
        // A transport that delivers synchronously: sending the first saga's next command brings the
        // second saga's reply back in on the same thread, inside the first saga's batch.
        transport.whileSending(command -> {
            if (command.sagaId().equals(first.id())) {
                CompletionStage<Void> nested = transport.sink.acceptOnCallingThread(
                        successOf(transport.sentTo("stock", second.id())));
                nestedDoneOnReturn.add(nested.toCompletableFuture().isDone());
            }
        });

        transport.sink.acceptOnCallingThread(successOf(transport.sentTo("stock", first.id())));

        assertThat(nestedDoneOnReturn).containsExactly(false);
        engineThreads.runUntilIdle();
        assertThat(transport.sentTo("shipping", second.id()).sagaId()).isEqualTo(second.id());
    }

    @Test
    void aBatchStillSendingItsCommandsHoldsNoSlotSoAnotherSagasReplyIsCommittedMeanwhile() throws Exception {
        engine = engineOn(new InMemorySagaStore(), 1);
        SagaHandle first = startOrder();
        SagaHandle second = startOrder();

        // Another consumer thread has committed the first saga's reply and is still sending its next
        // command, for example waiting for the broker's publisher confirm.
        transport.sends.holdNext();
        CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> transport.sink
                .acceptOnCallingThread(successOf(transport.sentTo("stock", first.id()))).toCompletableFuture().join());
        assertThat(transport.sends.awaitHeld()).isTrue();

        CompletionStage<Void> accepted = transport.sink.acceptOnCallingThread(
                successOf(transport.sentTo("stock", second.id())));

        assertThat(accepted.toCompletableFuture()).isCompleted();
        assertThat(transport.sentTo("shipping", second.id()).sagaId()).isEqualTo(second.id());
        assertThat(sending).isNotDone();
        transport.sends.release();
        sending.get(10, TimeUnit.SECONDS);
    }

    @Test
    void whenEveryBatchSlotIsBusyTheCallersWaitAndEachSendsItsOwnSagasCommandsSideBySide() throws Exception {
        HeldCommitStore store = new HeldCommitStore();
        engine = engineOn(store, 1);
        SagaHandle first = startOrder();
        SagaHandle second = startOrder();
        SagaHandle third = startOrder();

        CompletableFuture<Void> busy = slowlyCommittingTheReplyOf(first, store);
        // Two more consumer threads hand in replies; with no slot free, each waits for its own.
        CompletableFuture<Void> secondAccepted = consumerThread("consumer-2", second);
        CompletableFuture<Void> thirdAccepted = consumerThread("consumer-3", third);
        await().atMost(Duration.ofSeconds(10)).until(() -> waiting("consumer-2") && waiting("consumer-3"));
        store.commits.release();
        busy.get(10, TimeUnit.SECONDS);

        // An engine thread commits both replies in one batch; the first of their sends waits for its
        // confirm, and the other goes out meanwhile, each on the thread that waits for its saga.
        transport.sends.holdNext();
        engineThreads.runUntilIdle();

        assertThat(transport.sends.awaitHeld()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> transport.sendingThreads("shipping").size() == 3);
        assertThat(transport.sendingThread("shipping", second.id())).isEqualTo("consumer-2");
        assertThat(transport.sendingThread("shipping", third.id())).isEqualTo("consumer-3");
        transport.sends.release();
        secondAccepted.get(10, TimeUnit.SECONDS);
        thirdAccepted.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aCallerInterruptedWhileItWaitsLeavesItsSendsToTheBatchThatCommitsItsReply() throws Exception {
        HeldCommitStore store = new HeldCommitStore();
        engine = engineOn(store, 1);
        SagaHandle first = startOrder();
        SagaHandle second = startOrder();
        CompletableFuture<Void> busy = slowlyCommittingTheReplyOf(first, store);
        CompletableFuture<CompletionStage<Void>> returned = new CompletableFuture<>();
        ReplyMessage reply = successOf(transport.sentTo("stock", second.id()));
        Thread consumer = new Thread(
                () -> returned.complete(transport.sink.acceptOnCallingThread(reply)), "consumer-2");
        consumer.setDaemon(true);
        consumer.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> waiting("consumer-2"));

        consumer.interrupt();

        CompletionStage<Void> accepted = returned.get(10, TimeUnit.SECONDS);
        assertThat(accepted.toCompletableFuture()).isNotDone();
        store.commits.release();
        busy.get(10, TimeUnit.SECONDS);
        engineThreads.runUntilIdle();
        assertThat(accepted.toCompletableFuture()).isCompleted();
        assertThat(transport.sendingThread("shipping", second.id())).isEqualTo(Thread.currentThread().getName());
    }

    @Test
    void anEngineThreadThatHoldsTheOnlySlotNeverWaitsForAReplyHandedBackIntoIt() {
        engine = engineOn(new InMemorySagaStore(), 1);
        SagaHandle first = startOrder();
        SagaHandle second = startOrder();
        List<CompletionStage<Void>> handedBack = new CopyOnWriteArrayList<>();
        // A transport that delivers synchronously: sending the first saga's next command, on the engine
        // thread that committed its reply and still holds the slot, brings the second saga's reply in.
        transport.whileSending(command -> {
            if (command.sagaId().equals(first.id()) && command.participant().equals("shipping")) {
                handedBack.add(transport.sink.acceptOnCallingThread(successOf(transport.sentTo("stock", second.id()))));
            }
        });
        transport.sink.accept(successOf(transport.sentTo("stock", first.id())));

        assertTimeoutPreemptively(Duration.ofSeconds(10), engineThreads::runUntilIdle);

        assertThat(handedBack).singleElement().satisfies(stage -> assertThat(stage.toCompletableFuture()).isCompleted());
        assertThat(transport.sentTo("shipping", second.id()).sagaId()).isEqualTo(second.id());
    }

    @Test
    void aCallerWaitingForItsReplyWhenTheEngineClosesIsToldTheReplyWasNotApplied() throws Exception {
        HeldCommitStore store = new HeldCommitStore();
        engine = engineOn(store, 1);
        SagaHandle first = startOrder();
        SagaHandle second = startOrder();
        CompletableFuture<Void> busy = slowlyCommittingTheReplyOf(first, store);
        CompletableFuture<Void> secondAccepted = consumerThread("consumer-2", second);
        await().atMost(Duration.ofSeconds(10)).until(() -> waiting("consumer-2"));

        engine.close();

        assertThatThrownBy(() -> secondAccepted.get(10, TimeUnit.SECONDS)).hasRootCauseInstanceOf(EngineClosedException.class);
        store.commits.release();
        busy.handle((ok, failure) -> null).get(10, TimeUnit.SECONDS);
    }

    /**
     * Takes the only batch slot: another consumer thread commits {@code saga}'s reply, and its commit
     * is held until {@code store.commits} is released.
     */
    private CompletableFuture<Void> slowlyCommittingTheReplyOf(SagaHandle saga, HeldCommitStore store)
            throws InterruptedException {
        store.commits.holdNext();
        CompletableFuture<Void> busy = CompletableFuture.runAsync(() -> transport.sink
                .acceptOnCallingThread(successOf(transport.sentTo("stock", saga.id()))).toCompletableFuture().join());
        assertThat(store.commits.awaitHeld()).isTrue();
        return busy;
    }

    /** Hands in the success of {@code saga}'s stock command on a thread of its own, named {@code name}. */
    private CompletableFuture<Void> consumerThread(String name, SagaHandle saga) {
        CompletableFuture<Void> accepted = new CompletableFuture<>();
        ReplyMessage reply = successOf(transport.sentTo("stock", saga.id()));
        Thread thread = new Thread(() -> {
            try {
                transport.sink.acceptOnCallingThread(reply).toCompletableFuture().join();
                accepted.complete(null);
            } catch (RuntimeException e) {
                accepted.completeExceptionally(e);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return accepted;
    }

    private static boolean waiting(String threadName) {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals(threadName) && (t.getState() == Thread.State.WAITING
                        || t.getState() == Thread.State.TIMED_WAITING));
    }

    private SagaEngine engineOn(SagaStore store, int concurrentBatches) {
        SagaEngine made = SagaEngine.builder().store(store).transport(transport).register(ORDER, LOCAL)
                .clock(clock).idGenerator(new SequentialIdGenerator("s")).executor(engineThreads)
                .localStepExecutor(localStepThreads)
                .concurrentBatches(concurrentBatches).build();
        made.start();
        return made;
    }

    private SagaHandle startOrder() {
        CompletableFuture<SagaHandle> started = engine.startSagaAsync(ORDER, new Order("o"), StartOptions.none());
        engineThreads.runUntilIdle();
        return started.join();
    }

    private ReplyMessage successOf(CommandMessage command) {
        return RecordingTransport.successOf(command, clock.now());
    }

    /** An in-memory store whose next commit, when told, waits until released. */
    private static final class HeldCommitStore extends ForwardingSagaStore {

        private final OneHeldCall commits = new OneHeldCall();

        @Override
        public void commit(TransitionBatch batch) {
            commits.passThrough();
            super.commit(batch);
        }
    }
}
