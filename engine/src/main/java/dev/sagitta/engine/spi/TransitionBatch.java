package dev.sagitta.engine.spi;

import java.util.List;
import java.util.Objects;

/**
 * Everything one commit writes: the transitions of one or more sagas, and the outbox rows that
 * earlier commits already sent.
 *
 * <p>Immutable. A store applies it in one transaction, all or nothing.
 *
 * @param inserts           new sagas (revision 1); a taken id or business key is a conflict
 * @param updates           changed sagas; each is written only if the stored revision is
 *                          {@code revision - 1}, otherwise the batch is a conflict
 * @param history           timeline entries to append
 * @param outbox            commands to send once this commits
 * @param inbox             reply ids now processed; an id already present is a conflict
 * @param dispatchedOutbox  message ids of outbox rows already sent, to delete
 */
public record TransitionBatch(
        List<SagaRecord> inserts,
        List<SagaRecord> updates,
        List<HistoryRecord> history,
        List<OutboxEntry> outbox,
        List<InboxEntry> inbox,
        List<String> dispatchedOutbox) {

    public TransitionBatch {
        inserts = List.copyOf(Objects.requireNonNull(inserts, "inserts"));
        updates = List.copyOf(Objects.requireNonNull(updates, "updates"));
        history = List.copyOf(Objects.requireNonNull(history, "history"));
        outbox = List.copyOf(Objects.requireNonNull(outbox, "outbox"));
        inbox = List.copyOf(Objects.requireNonNull(inbox, "inbox"));
        dispatchedOutbox = List.copyOf(Objects.requireNonNull(dispatchedOutbox, "dispatchedOutbox"));
    }

    public boolean isEmpty() {
        return inserts.isEmpty() && updates.isEmpty() && history.isEmpty() && outbox.isEmpty()
                && inbox.isEmpty() && dispatchedOutbox.isEmpty();
    }
}
