package dev.sagitta.testing;

import dev.sagitta.engine.spi.HistoryRecord;
import dev.sagitta.engine.spi.InboxEntry;
import dev.sagitta.engine.spi.OutboxEntry;
import dev.sagitta.engine.spi.SagaRecord;
import dev.sagitta.engine.spi.SagaStore;
import dev.sagitta.engine.spi.TransitionBatch;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The stored state of unfinished sagas at one moment: their rows, timelines, unsent commands and
 * processed reply ids, enough for another engine to take them over. Immutable.
 *
 * @param label   where in the recorded run it was taken, for example {@code after-commit-3}
 * @param takenAt the virtual time it was taken
 * @param sagas   the unfinished sagas
 * @param history their timelines
 * @param outbox  their commands not yet confirmed sent
 * @param inbox   the reply ids they already processed
 */
public record SagaSnapshot(String label, Instant takenAt, List<SagaRecord> sagas, List<HistoryRecord> history,
        List<OutboxEntry> outbox, List<InboxEntry> inbox) {

    public SagaSnapshot {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(takenAt, "takenAt");
        sagas = List.copyOf(sagas);
        history = List.copyOf(history);
        outbox = List.copyOf(outbox);
        inbox = List.copyOf(inbox);
    }

    /** Writes it into an empty store, in one commit. */
    public void restoreInto(SagaStore store) {
        store.commit(new TransitionBatch(sagas, List.of(), history, outbox, inbox, List.of()));
    }

    public List<String> sagaIds() {
        return sagas.stream().map(SagaRecord::sagaId).toList();
    }
}
