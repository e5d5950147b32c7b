package dev.sagitta.engine.internal;

import dev.sagitta.dsl.SagaDefinition;
import dev.sagitta.engine.internal.core.SagaEvent;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * An event waiting for its batch, and the future its submitter waits on.
 *
 * @param sagaId     the saga it moves
 * @param event      the event
 * @param definition for starts: the definition to start
 * @param done       completed after the event's transition committed (or it was found a duplicate)
 * @param handoff    where the committing batch hands the event's post-commit work to a caller that waits
 */
record PendingEvent(String sagaId, SagaEvent event, @Nullable SagaDefinition<?> definition,
        CompletableFuture<EventOutcome> done, CallerHandoff handoff) {

    @Nullable String inboxMessageId() {
        return event instanceof SagaEvent.ReplyReceived received ? received.reply().messageId() : null;
    }
}
