package dev.sagitta.engine.internal.core;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What applying one event produced. Immutable.
 *
 * @param state     the new state
 * @param wakeAt    when the saga next needs attention, or null
 * @param timeline  entries to append
 * @param commands  commands to send after commit
 * @param localTasks local functions to run after commit
 * @param calls     answers (and missing answers) from participants, for their circuit breakers
 * @param rejection why the event changed nothing of substance (late reply, cancel after pivot...), or null
 */
public record Transition(
        SagaState state,
        @Nullable Instant wakeAt,
        List<TimelineEntry> timeline,
        List<OutgoingCommand> commands,
        List<LocalTask> localTasks,
        List<CallOutcome> calls,
        @Nullable String rejection) {

    public Transition {
        timeline = List.copyOf(timeline);
        commands = List.copyOf(commands);
        localTasks = List.copyOf(localTasks);
        calls = List.copyOf(calls);
    }

    public boolean accepted() {
        return rejection == null;
    }
}
