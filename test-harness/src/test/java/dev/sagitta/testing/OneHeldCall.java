package dev.sagitta.testing;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Holds the next call that passes through, when told to, until released: a send waiting for its
 * broker's publisher confirm, or a slow commit, for tests of what other threads do meanwhile.
 * One hold per instance. Thread-safe.
 */
final class OneHeldCall {

    private static final long WAIT_SECONDS = 10;

    private final CountDownLatch held = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile boolean holdNext;

    /** The next call to {@link #passThrough} waits until {@link #release}. */
    void holdNext() {
        holdNext = true;
    }

    /** Returns at once, or, if this is the call to hold, once released (at most 10 s). */
    void passThrough() {
        if (!holdNext) {
            return;
        }
        holdNext = false;
        held.countDown();
        try {
            released.await(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether a call is held now (waits up to 10 s for one). */
    boolean awaitHeld() throws InterruptedException {
        return held.await(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** Lets the held call, or the next one to be held, go. */
    void release() {
        released.countDown();
    }
}
