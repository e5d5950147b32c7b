package dev.sagitta.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagitta.engine.spi.Cancellable;
import dev.sagitta.engine.spi.CommandMessage;
import dev.sagitta.engine.spi.TaskExecutor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A saga's commands go out in the order their transitions committed, whichever thread gets to
 * send first; a reply to the last command in progress lets the next ones go without waiting for
 * that send to return; sagas never wait for each other.
 */
class SagaSendOrderTest {

    private final List<String> sent = new CopyOnWriteArrayList<>();
    private final QueuedTasks executor = new QueuedTasks();
    private final SagaSendOrder order = new SagaSendOrder(command -> sent.add(command.messageId()), executor);
    /** Runs once, inside the next send of {@link #slow}: as if it came while that send waits for its confirm. */
    private final List<Runnable> duringNextSend = new ArrayList<>();
    private final SagaSendOrder slow = new SagaSendOrder(command -> {
        sent.add(command.messageId());
        List<Runnable> now = List.copyOf(duringNextSend);
        duringNextSend.clear();
        now.forEach(Runnable::run);
    }, executor);

    @Test
    void sendsSubmittedOutOfOrderGoInTheOrderTheirPlacesWereReserved() {
        SagaSendOrder.Sends first = order.reserve("s1", List.of(command("s1", "m1")));
        SagaSendOrder.Sends second = order.reserve("s1", List.of(command("s1", "m2"), command("s1", "m3")));

        order.send(second);
        assertThat(sent).isEmpty();

        order.send(first);
        assertThat(sent).containsExactly("m1", "m2", "m3");
        assertThat(order.sagasWithSends()).isZero();
    }

    @Test
    void anotherSagaDoesNotWaitForASagaWhoseEarlierSendsAreNotSubmittedYet() {
        order.reserve("s1", List.of(command("s1", "m1")));
        SagaSendOrder.Sends other = order.reserve("s2", List.of(command("s2", "m2")));

        order.send(other);

        assertThat(sent).containsExactly("m2");
    }

    @Test
    void theReplyToTheLastCommandInProgressLetsTheNextSendsGoBeforeThatSendReturns() {
        SagaSendOrder.Sends first = slow.reserve("s1", List.of(command("s1", "m1")));
        SagaSendOrder.Sends second = slow.reserve("s1", List.of(command("s1", "m2")));
        // The broker has not confirmed m1 yet, and the participant's reply to it comes in.
        duringNextSend.add(() -> {
            slow.send(second);
            assertThat(sent).containsExactly("m1");
            slow.delivered("s1", "m1");
        });

        slow.send(first);

        assertThat(sent).containsExactly("m1");
        executor.runAll();
        assertThat(sent).containsExactly("m1", "m2");
        assertThat(slow.sagasWithSends()).isZero();
    }

    @Test
    void aReplyToAnyOtherCommandLetsNothingGo() {
        SagaSendOrder.Sends first = slow.reserve("s1", List.of(command("s1", "m1"), command("s1", "m2")));
        SagaSendOrder.Sends second = slow.reserve("s1", List.of(command("s1", "m3")));
        duringNextSend.add(() -> {
            slow.send(second);
            // m1 is delivered, but m2, the last of the sends in progress, is not even sent yet.
            slow.delivered("s1", "m1");
            slow.delivered("s1", null);
            slow.delivered("s2", "m1");
        });

        slow.send(first);

        assertThat(executor.tasks).isEmpty();
        assertThat(sent).containsExactly("m1", "m2", "m3");
    }

    @Test
    void aFailedSendDoesNotStopTheSagasLaterSends() {
        SagaSendOrder failing = new SagaSendOrder(command -> {
            if (command.messageId().equals("m1")) {
                throw new IllegalStateException("broker unreachable");
            }
            sent.add(command.messageId());
        }, executor);
        SagaSendOrder.Sends first = failing.reserve("s1", List.of(command("s1", "m1")));
        SagaSendOrder.Sends second = failing.reserve("s1", List.of(command("s1", "m2")));

        failing.send(second);
        failing.send(first);

        assertThat(sent).containsExactly("m2");
        assertThat(failing.sagasWithSends()).isZero();
    }

    @Test
    void aReplyBeforeItsSendsStartedLetsNothingGo() {
        SagaSendOrder.Sends first = order.reserve("s1", List.of(command("s1", "m1")));
        SagaSendOrder.Sends second = order.reserve("s1", List.of(command("s1", "m2")));
        order.send(second);

        order.delivered("s1", "m1");

        assertThat(executor.tasks).isEmpty();
        assertThat(sent).isEmpty();
        order.send(first);
        assertThat(sent).containsExactly("m1", "m2");
    }

    @Test
    void sendsSubmittedFromManyThreadsInAnyOrderKeepEachSagasOrder() throws Exception {
        int sagas = 50;
        int transitions = 20;
        List<SagaSendOrder.Sends> reserved = new ArrayList<>();
        for (int t = 0; t < transitions; t++) {
            for (int s = 0; s < sagas; s++) {
                reserved.add(order.reserve("s" + s, List.of(command("s" + s, "s" + s + "-" + t))));
            }
        }
        Collections.shuffle(reserved, new Random(42));
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            for (SagaSendOrder.Sends sends : reserved) {
                threads.execute(() -> order.send(sends));
            }
        } finally {
            threads.shutdown();
            assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(sent).hasSize(sagas * transitions);
        for (int s = 0; s < sagas; s++) {
            String saga = "s" + s + "-";
            List<String> ofSaga = sent.stream().filter(id -> id.startsWith(saga)).toList();
            assertThat(ofSaga).as("saga s" + s).isEqualTo(IntStream.range(0, transitions).mapToObj(t -> saga + t).toList());
        }
        assertThat(order.sagasWithSends()).isZero();
    }

    @Test
    void aTransitionWithoutCommandsTakesNoPlace() {
        assertThatThrownBy(() -> order.reserve("s1", List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without commands");
    }

    private static CommandMessage command(String sagaId, String messageId) {
        return new CommandMessage(messageId, "order.stock.reserve", sagaId, "order", "reserve", 1, false, "stock",
                "{}", null, null, Instant.parse("2026-01-01T00:00:00Z"));
    }

    /** Keeps tasks until told to run them. */
    private static final class QueuedTasks implements TaskExecutor {
        private final List<Runnable> tasks = new ArrayList<>();

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }

        @Override
        public Cancellable schedule(Duration delay, Runnable task) {
            throw new UnsupportedOperationException("nothing is scheduled here");
        }

        void runAll() {
            while (!tasks.isEmpty()) {
                tasks.remove(0).run();
            }
        }

        @Override
        public void close() {
        }
    }
}
