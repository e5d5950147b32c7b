package dev.sagitta.engine.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.Set;

/**
 * Events waiting for a batch. A batch takes at most one event per saga, and no event of a saga
 * whose earlier event another batch is still applying: each saga's events apply one at a time, in
 * the order they arrived, however many batches run at once. Thread-safe.
 */
final class EventQueue {

    private final LinkedList<PendingEvent> events = new LinkedList<>();
    private final Set<String> busy = new HashSet<>();

    synchronized void add(PendingEvent event) {
        events.add(event);
    }

    /** Puts events back at the head, in their order, for the next batch. */
    synchronized void addFirst(List<PendingEvent> returned) {
        for (int i = returned.size() - 1; i >= 0; i--) {
            events.addFirst(returned.get(i));
        }
    }

    synchronized int size() {
        return events.size();
    }

    /** Whether some waiting event could go into a batch now. */
    synchronized boolean hasAvailable() {
        for (PendingEvent event : events) {
            if (!busy.contains(event.sagaId())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Removes and returns up to {@code max} events, no two for the same saga and none for a saga
     * another batch holds, oldest first. Their sagas are held until {@link #release}.
     */
    synchronized List<PendingEvent> takeBatch(int max) {
        List<PendingEvent> batch = new ArrayList<>(Math.min(max, events.size()));
        Set<String> taken = new HashSet<>();
        Iterator<PendingEvent> it = events.iterator();
        while (it.hasNext() && batch.size() < max) {
            PendingEvent event = it.next();
            if (!busy.contains(event.sagaId()) && taken.add(event.sagaId())) {
                batch.add(event);
                it.remove();
            }
        }
        busy.addAll(taken);
        return batch;
    }

    /** Removes and returns every waiting event. */
    synchronized List<PendingEvent> drainAll() {
        List<PendingEvent> all = new ArrayList<>(events);
        events.clear();
        return all;
    }

    /** The batch is done with these events' sagas. */
    synchronized void release(Collection<PendingEvent> batch) {
        for (PendingEvent event : batch) {
            busy.remove(event.sagaId());
        }
    }
}
