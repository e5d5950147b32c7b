package dev.sagitta.engine.internal;

import dev.sagitta.dsl.SagaDefinition;
import dev.sagitta.engine.internal.core.OutgoingCommand;
import dev.sagitta.engine.internal.core.SagaEvent;
import dev.sagitta.engine.internal.core.SagaState;
import dev.sagitta.engine.internal.core.SagaStateMachine;
import dev.sagitta.engine.internal.core.TimelineEntry;
import dev.sagitta.engine.internal.core.Transition;
import dev.sagitta.engine.spi.CommandMessage;
import dev.sagitta.engine.spi.HistoryRecord;
import dev.sagitta.engine.spi.InboxEntry;
import dev.sagitta.engine.spi.OutboxEntry;
import dev.sagitta.engine.spi.SagaRecord;
import dev.sagitta.engine.spi.SagaStore;
import dev.sagitta.engine.spi.TransitionBatch;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Applies a batch of events: loads their sagas in one query, runs the state machine on each, and
 * gathers every write into one {@link TransitionBatch}. Does not commit. Thread-safe; its only
 * state is the cache of sagas this node last wrote.
 */
final class BatchApplier {

    private final SagaStore store;
    private final DefinitionRegistry registry;
    private final SagaStateMachine machine;
    private final ProgressCodec progress = new ProgressCodec();
    private final SagaCache cache;
    private final Duration outboxGrace;

    BatchApplier(SagaStore store, DefinitionRegistry registry, SagaStateMachine machine, Duration outboxGrace,
            int cacheCapacity) {
        this.store = store;
        this.cache = new SagaCache(cacheCapacity);
        this.registry = registry;
        this.machine = machine;
        this.outboxGrace = outboxGrace;
    }

    /** The result of applying a batch: what to write, and what to do once it is written. */
    record Result(TransitionBatch writes, List<Completion> completions, List<SagaCache.Entry> written) {
    }

    /** One event's outcome, and its transition if it produced one. */
    record Completion(PendingEvent event, EventOutcome outcome, @Nullable AppliedTransition applied) {
    }

    SagaState stateOf(SagaRecord record) {
        return progress.toState(record);
    }

    /** The batch committed: its records are now the latest known state of their sagas. */
    void committed(Result result) {
        cache.committed(result.written());
    }

    /** Whether this node last wrote the saga and it was not finished then. */
    boolean holdsUnfinished(String sagaId) {
        return cache.holdsUnfinished(sagaId);
    }

    /** The batch did not commit: what this node believed of its sagas may be stale. */
    void forget(List<PendingEvent> events) {
        cache.evict(events.stream().map(PendingEvent::sagaId).toList());
    }

    /** Another node moved these sagas: stop caching them. */
    void contested(List<PendingEvent> events) {
        cache.contested(events.stream().map(PendingEvent::sagaId).toList());
    }

    /**
     * Applies the events. {@code checkInbox} looks up reply ids in the inbox first; without it, a
     * duplicate reply makes the commit fail on the inbox's unique key, and the events are then
     * applied again one by one with the check. The first try of a batch skips it: duplicates are
     * rare and the lookup costs a round trip.
     */
    Result apply(List<PendingEvent> events, List<String> dispatched, Instant now, boolean checkInbox) {
        List<String> existingIds = new ArrayList<>();
        List<String> replyIds = new ArrayList<>();
        for (PendingEvent event : events) {
            if (!(event.event() instanceof SagaEvent.Start)) {
                existingIds.add(event.sagaId());
            }
            String inboxId = event.inboxMessageId();
            if (inboxId != null) {
                replyIds.add(inboxId);
            }
        }
        Map<String, SagaCache.Entry> records = load(existingIds);
        Set<String> seen = replyIds.isEmpty() || !checkInbox ? Set.of() : store.processedMessageIds(replyIds);

        Writes writes = new Writes(now);
        Map<String, String> startedKeys = new HashMap<>();
        List<Completion> completions = new ArrayList<>(events.size());
        for (PendingEvent event : events) {
            completions.add(applyOne(event, records.get(event.sagaId()), seen, startedKeys, writes));
        }
        return new Result(writes.toBatch(dispatched), completions, writes.written);
    }

    private Map<String, SagaCache.Entry> load(List<String> sagaIds) {
        if (sagaIds.isEmpty()) {
            return Map.of();
        }
        Map<String, SagaCache.Entry> found = new HashMap<>(cache.get(sagaIds));
        if (found.size() < sagaIds.size()) {
            List<String> missing = sagaIds.stream().filter(id -> !found.containsKey(id)).toList();
            store.load(missing).forEach((id, record) -> found.put(id, new SagaCache.Entry(record,
                    progress.toState(record))));
        }
        return found;
    }

    private Completion applyOne(PendingEvent pending, SagaCache.@Nullable Entry loaded, Set<String> seen,
            Map<String, String> startedKeys, Writes writes) {
        SagaEvent event = pending.event();
        SagaRecord record = loaded == null ? null : loaded.record();
        if (event instanceof SagaEvent.Start start) {
            return start(pending, start, startedKeys, writes);
        }
        String inboxId = pending.inboxMessageId();
        if (inboxId != null && seen.contains(inboxId)) {
            return rejected(pending, record, "duplicate message " + inboxId + ": already processed");
        }
        if (record == null) {
            if (inboxId != null) {
                writes.inbox.add(new InboxEntry(inboxId, pending.sagaId(), writes.now));
            }
            return rejected(pending, null, "no saga with id " + pending.sagaId());
        }
        SagaDefinition<?> definition = registry.get(record.sagaType(), record.sagaVersion());
        Transition transition = machine.apply(definition, loaded.state(), event, writes.now);
        if (inboxId != null) {
            writes.inbox.add(new InboxEntry(inboxId, pending.sagaId(), writes.now));
        }
        AppliedTransition applied = writes.update(definition, transition, record.revision() + 1);
        return new Completion(pending, new EventOutcome(pending.sagaId(), transition.state().status(),
                transition.rejection()), applied);
    }

    private Completion start(PendingEvent pending, SagaEvent.Start start, Map<String, String> startedKeys,
            Writes writes) {
        String key = start.businessKey();
        if (key != null) {
            String startedNow = startedKeys.get(start.sagaType() + "\u0000" + key);
            String existing = startedNow != null ? startedNow
                    : store.findIdByBusinessKey(start.sagaType(), key).orElse(null);
            if (existing != null) {
                return new Completion(pending, new EventOutcome(existing, null,
                        "a saga with business key '" + key + "' already exists"), null);
            }
            startedKeys.put(start.sagaType() + "\u0000" + key, start.sagaId());
        }
        SagaDefinition<?> definition = Objects.requireNonNull(pending.definition(), "definition of a start");
        Transition transition = machine.start(definition, start, writes.now);
        AppliedTransition applied = writes.insert(definition, transition);
        return new Completion(pending, new EventOutcome(start.sagaId(), transition.state().status(), null), applied);
    }

    private static Completion rejected(PendingEvent pending, @Nullable SagaRecord record, String why) {
        return new Completion(pending, new EventOutcome(pending.sagaId(), record == null ? null : record.status(),
                why), null);
    }

    /** The writes of one batch, gathered as the events apply. */
    private final class Writes {
        final Instant now;
        final List<SagaRecord> inserts = new ArrayList<>();
        final List<SagaRecord> updates = new ArrayList<>();
        final List<HistoryRecord> history = new ArrayList<>();
        final List<OutboxEntry> outbox = new ArrayList<>();
        final List<InboxEntry> inbox = new ArrayList<>();
        final List<SagaCache.Entry> written = new ArrayList<>();

        Writes(Instant now) {
            this.now = now;
        }

        AppliedTransition insert(SagaDefinition<?> definition, Transition transition) {
            SagaRecord record = progress.toRecord(transition.state(), transition.wakeAt(), 1, now);
            inserts.add(record);
            written.add(new SagaCache.Entry(record, transition.state()));
            return collect(definition, transition);
        }

        AppliedTransition update(SagaDefinition<?> definition, Transition transition, long revision) {
            SagaRecord record = progress.toRecord(transition.state(), transition.wakeAt(), revision, now);
            updates.add(record);
            written.add(new SagaCache.Entry(record, transition.state()));
            return collect(definition, transition);
        }

        private AppliedTransition collect(SagaDefinition<?> definition, Transition transition) {
            SagaState state = transition.state();
            for (TimelineEntry entry : transition.timeline()) {
                history.add(new HistoryRecord(state.sagaId(), entry.seq(), entry.step(), entry.attempt(),
                        entry.kind().name(), entry.detail(), entry.at()));
            }
            List<CommandMessage> commands = new ArrayList<>(transition.commands().size());
            long seq = (long) state.historySeq() * 100;
            for (OutgoingCommand command : transition.commands()) {
                CommandMessage message = new CommandMessage(command.messageId(), command.messageType(),
                        state.sagaId(), state.sagaType(), command.step(), command.attempt(), command.compensation(),
                        command.participant(), command.payload(), state.correlationId(), state.tenantId(), now);
                commands.add(message);
                outbox.add(new OutboxEntry(seq++, message, now.plus(outboxGrace)));
            }
            return new AppliedTransition(definition, transition, commands);
        }

        TransitionBatch toBatch(List<String> dispatched) {
            return new TransitionBatch(inserts, updates, history, outbox, inbox, dispatched);
        }
    }
}
