package dev.sagitta.testing;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The inverse of every change a commit made so far, so that a commit that meets a conflict
 * half-way can put everything back, the way a database rolls back a transaction.
 */
final class UndoLog {

    private final Deque<Runnable> undos = new ArrayDeque<>();

    void onRollback(Runnable undo) {
        undos.push(undo);
    }

    /** Undoes the changes, newest first. */
    void rollback() {
        while (!undos.isEmpty()) {
            undos.pop().run();
        }
    }
}
