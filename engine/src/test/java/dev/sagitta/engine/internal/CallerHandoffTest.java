package dev.sagitta.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Work offered for an event goes to its caller only while that caller waits; otherwise the batch
 * keeps it. Either way exactly one side runs it.
 */
class CallerHandoffTest {

    private final CallerHandoff handoff = new CallerHandoff();
    private final Runnable work = () -> { };

    @Test
    void workOfferedWhileTheCallerWaitsIsTheCallersToRun() {
        handoff.callerWaits();

        assertThat(handoff.offer(work)).isTrue();
        assertThat(handoff.leave()).isSameAs(work);
    }

    @Test
    void workOfferedBeforeAnyCallerWaitsStaysWithTheBatch() {
        assertThat(handoff.offer(work)).isFalse();

        handoff.callerWaits();
        assertThat(handoff.leave()).isNull();
    }

    @Test
    void workOfferedAfterTheCallerLeftStaysWithTheBatch() {
        handoff.callerWaits();
        assertThat(handoff.leave()).isNull();

        assertThat(handoff.offer(work)).isFalse();
    }

    @Test
    void aCallerThatLeftCannotWaitAgain() {
        handoff.callerWaits();
        handoff.leave();

        handoff.callerWaits();

        assertThat(handoff.offer(work)).isFalse();
    }

    @Test
    void whenTheCallerLeavesAsTheWorkIsOfferedExactlyOneSideRunsIt() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 2_000; round++) {
                CallerHandoff raced = new CallerHandoff();
                raced.callerWaits();
                AtomicInteger runs = new AtomicInteger();
                Runnable counted = runs::incrementAndGet;
                CountDownLatch go = new CountDownLatch(1);
                Future<?> batch = threads.submit(() -> {
                    await(go);
                    if (!raced.offer(counted)) {
                        counted.run();
                    }
                });
                Future<?> caller = threads.submit(() -> {
                    await(go);
                    Runnable handed = raced.leave();
                    if (handed != null) {
                        handed.run();
                    }
                });
                go.countDown();
                batch.get(10, TimeUnit.SECONDS);
                caller.get(10, TimeUnit.SECONDS);

                assertThat(runs).as("round %d", round).hasValue(1);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
