package dev.sagitta.testing;

import dev.sagitta.engine.spi.CommandMessage;
import dev.sagitta.engine.spi.HistoryRecord;
import dev.sagitta.engine.spi.InboxEntry;
import dev.sagitta.engine.spi.OutboxEntry;
import dev.sagitta.engine.spi.ReplyMessage;
import dev.sagitta.engine.spi.SagaRecord;
import dev.sagitta.engine.spi.SagaStore;
import dev.sagitta.engine.spi.TransitionBatch;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Unfinished sagas at one moment: their rows, timelines, unsent commands and processed reply ids in
 * the store, and the commands and replies the broker held for them, enough for another engine to
 * take them over. Immutable.
 *
 * @param label   where in the recorded run it was taken, for example {@code after-commit-3}
 * @param takenAt the virtual time it was taken
 * @param sagas   the unfinished sagas
 * @param history their timelines
 * @param outbox  their commands not yet confirmed sent
 * @param inbox   the reply ids they already processed
 * @param commandsInFlight commands the broker had not yet delivered
 * @param repliesInFlight  replies the engine had not yet acknowledged
 */
public record SagaSnapshot(String label, Instant takenAt, List<SagaRecord> sagas, List<HistoryRecord> history,
        List<OutboxEntry> outbox, List<InboxEntry> inbox, List<CommandMessage> commandsInFlight,
        List<ReplyMessage> repliesInFlight) {

    public SagaSnapshot {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(takenAt, "takenAt");
        sagas = List.copyOf(sagas);
        history = List.copyOf(history);
        outbox = List.copyOf(outbox);
        inbox = List.copyOf(inbox);
        commandsInFlight = List.copyOf(commandsInFlight);
        repliesInFlight = List.copyOf(repliesInFlight);
    }

    /** The same store state with what the broker held for these sagas. */
    SagaSnapshot withInFlight(List<CommandMessage> commands, List<ReplyMessage> replies) {
        return new SagaSnapshot(label, takenAt, sagas, history, outbox, inbox, commands, replies);
    }

    /**
     * Writes it into an empty store, in one commit, as a release taking over from a stopped one:
     * unsent commands are free to be sent at once, rather than left to the stopped node's lease.
     */
    public void restoreInto(SagaStore store) {
        List<OutboxEntry> free = outbox.stream()
                .map(entry -> new OutboxEntry(entry.seq(), entry.command(), takenAt))
                .toList();
        store.commit(new TransitionBatch(sagas, List.of(), history, free, inbox, List.of()));
    }

    public List<String> sagaIds() {
        return sagas.stream().map(SagaRecord::sagaId).toList();
    }
}
