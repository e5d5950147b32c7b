package dev.sagitta.testing.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs the same call on several threads released at the same moment, to make races likely
 * rather than waiting for them by sleeping.
 */
final class ConcurrentCallers {

    private static final long TIMEOUT_SECONDS = 60;

    private ConcurrentCallers() {
    }

    /** What each caller does; {@code caller} numbers the callers from 0. */
    @FunctionalInterface
    interface Call<T> {
        T call(int caller) throws Exception;
    }

    /** Each caller's result, in caller order. */
    static <T> List<T> run(int callers, Call<T> call) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(callers);
        try {
            CountDownLatch ready = new CountDownLatch(callers);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                int caller = i;
                futures.add(threads.submit(() -> {
                    ready.countDown();
                    go.await();
                    return call.call(caller);
                }));
            }
            ready.await();
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }
}
