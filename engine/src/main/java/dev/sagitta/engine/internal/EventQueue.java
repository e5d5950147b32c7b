package dev.sagitta.engine.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.Set;

/**
 * Events waiting for a batch. A batch takes at most one event per saga, so later events of the same
 * saga wait for the next batch and each saga's events apply in the order they arrived. Thread-safe.
 */
final class EventQueue {

    private final LinkedList<PendingEvent> events = new LinkedList<>();

    synchronized void add(PendingEvent event) {
        events.add(event);
    }

    synchronized void addFirst(List<PendingEvent> returned) {
        for (int i = returned.size() - 1; i >= 0; i--) {
            events.addFirst(returned.get(i));
        }
    }

    synchronized boolean isEmpty() {
        return events.isEmpty();
    }

    synchronized int size() {
        return events.size();
    }

    /** Removes and returns up to {@code max} events, no two for the same saga, oldest first. */
    synchronized List<PendingEvent> takeBatch(int max) {
        List<PendingEvent> batch = new ArrayList<>(Math.min(max, events.size()));
        Set<String> sagas = new HashSet<>();
        Iterator<PendingEvent> it = events.iterator();
        while (it.hasNext() && batch.size() < max) {
            PendingEvent event = it.next();
            if (sagas.add(event.sagaId())) {
                batch.add(event);
                it.remove();
            }
        }
        return batch;
    }
}
