package dev.sagitta.engine.internal;

import dev.sagitta.engine.spi.CommandMessage;
import dev.sagitta.engine.spi.TaskExecutor;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each saga's commands in the order their transitions committed, while a batch gives its
 * sagas back before it sends.
 *
 * <p>Why: a send may wait for the broker (a publisher confirm, which for a durable queue waits for
 * the broker's disk). If the batch held its sagas until its sends returned, that wait would come
 * before every saga's next transition, that is on every step's path. So the batch lets them go
 * first, and a saga's next transition may commit while its earlier commands are still being sent.
 * Its own commands then wait until the earlier ones are sent (the transport's {@code send} returned;
 * a transport whose stage completes later orders nothing beyond that), unless the reply to the
 * earlier transition's last command has come in: that proves the broker delivered it, so nothing
 * sent now can overtake it.
 *
 * <p>Use: {@link #reserve} while the batch still holds the saga, in commit order; {@link #send}
 * once the batch has let it go; {@link #delivered} for every reply that comes in. Sends run on the
 * thread that calls {@link #send}, or that finished the sends ahead of them; those a delivery lets
 * go run on the executor (on the thread that reported the delivery if the executor refuses them).
 * Thread-safe.
 */
final class SagaSendOrder {

    private static final Logger LOG = LoggerFactory.getLogger(SagaSendOrder.class);

    private final Consumer<CommandMessage> transport;
    private final TaskExecutor executor;
    /** Each saga's reserved sends, oldest first; a saga with none has no entry. Guarded by this. */
    private final Map<String, ArrayDeque<Sends>> bySaga = new HashMap<>();

    /**
     * @param transport sends one command and reports its failure itself (the outbox keeps a command
     *                  whose send failed, for the relay)
     * @param executor  runs the sends that a delivery lets go
     */
    SagaSendOrder(Consumer<CommandMessage> transport, TaskExecutor executor) {
        this.transport = transport;
        this.executor = executor;
    }

    /** One transition's commands, sent one after another, after those of the saga's earlier transitions. */
    static final class Sends {
        private final String sagaId;
        private final List<CommandMessage> commands;
        // guarded by the SagaSendOrder
        private boolean submitted;
        private boolean started;
        private boolean finished;

        private Sends(String sagaId, List<CommandMessage> commands) {
            this.sagaId = sagaId;
            this.commands = List.copyOf(commands);
        }

        private String lastMessageId() {
            return commands.get(commands.size() - 1).messageId();
        }
    }

    /** Takes the next place in the saga's order for {@code commands}, which must not be empty. */
    Sends reserve(String sagaId, List<CommandMessage> commands) {
        if (commands.isEmpty()) {
            throw new IllegalArgumentException("a transition without commands has nothing to send");
        }
        Sends sends = new Sends(sagaId, commands);
        synchronized (this) {
            bySaga.computeIfAbsent(sagaId, id -> new ArrayDeque<>()).add(sends);
        }
        return sends;
    }

    /**
     * Sends them now, on the calling thread, if nothing of their saga is ahead of them, and then
     * whatever of the saga was waiting for them; otherwise they go when those ahead are done.
     */
    void send(Sends sends) {
        synchronized (this) {
            sends.submitted = true;
            if (bySaga.get(sends.sagaId).peek() != sends) {
                return;
            }
            sends.started = true;
        }
        runFrom(sends);
    }

    /**
     * A reply to {@code commandMessageId} came in: if it is the last command of the saga's sends in
     * progress, those no longer hold back the saga's next ones.
     */
    void delivered(String sagaId, @Nullable String commandMessageId) {
        if (commandMessageId == null) {
            return;
        }
        Sends next;
        synchronized (this) {
            ArrayDeque<Sends> queue = bySaga.get(sagaId);
            Sends head = queue == null ? null : queue.peek();
            if (head == null || !head.started || !head.lastMessageId().equals(commandMessageId)) {
                return;
            }
            head.finished = true;
            next = removeFinishedAndStartNext(sagaId);
        }
        if (next != null) {
            Sends unblocked = next;
            try {
                executor.execute(() -> runFrom(unblocked));
            } catch (RuntimeException | Error refused) {
                // A closing engine's executor: send them here rather than leave the saga's order stuck.
                runFrom(unblocked);
            }
        }
    }

    /** How many sagas have sends reserved or in progress. */
    synchronized int sagasWithSends() {
        return bySaga.size();
    }

    private void runFrom(Sends first) {
        Sends current = first;
        while (current != null) {
            for (CommandMessage command : current.commands) {
                try {
                    transport.accept(command);
                } catch (RuntimeException | Error e) {
                    // The command stays in the outbox; the relay sends it again. Whatever happened, the
                    // sends go on to finish, or the saga's later ones would wait for good.
                    LOG.warn("Sending {} to {} failed; the relay sends it again: {}", command.idempotencyKey(),
                            command.participant(), e.toString());
                }
            }
            current = finish(current);
        }
    }

    /** Marks them sent; returns the saga's next sends if they are ready and now started, else null. */
    private synchronized @Nullable Sends finish(Sends sends) {
        if (sends.finished) {
            // A delivery finished them already and started what came next.
            return null;
        }
        sends.finished = true;
        return removeFinishedAndStartNext(sends.sagaId);
    }

    // Called holding this.
    private @Nullable Sends removeFinishedAndStartNext(String sagaId) {
        ArrayDeque<Sends> queue = bySaga.get(sagaId);
        while (!queue.isEmpty() && queue.peek().finished) {
            queue.poll();
        }
        if (queue.isEmpty()) {
            bySaga.remove(sagaId);
            return null;
        }
        Sends head = queue.peek();
        if (!head.submitted || head.started) {
            return null;
        }
        head.started = true;
        return head;
    }
}
