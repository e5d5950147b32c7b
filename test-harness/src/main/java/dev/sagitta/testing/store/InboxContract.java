package dev.sagitta.testing.store;

import static dev.sagitta.testing.store.StoreFixtures.batch;
import static dev.sagitta.testing.store.StoreFixtures.history;
import static dev.sagitta.testing.store.StoreFixtures.inbox;
import static dev.sagitta.testing.store.StoreFixtures.nextRevision;
import static dev.sagitta.testing.store.StoreFixtures.saga;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagitta.engine.spi.SagaRecord;
import dev.sagitta.engine.spi.SagaStore;
import dev.sagitta.engine.spi.StoreConflictException;
import dev.sagitta.engine.spi.TransitionBatch;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Processed reply ids, which make applying a reply idempotent. Part of {@link SagaStoreContract}. */
interface InboxContract {

    SagaStore store();

    @Test
    default void processedMessageIdsNamesOnlyRecordedIds() {
        store().commit(batch().inbox(inbox("reply-1", "saga-1"), inbox("reply-2", "saga-1")).build());

        assertThat(store().processedMessageIds(List.of("reply-1", "reply-3", "reply-2")))
                .containsExactlyInAnyOrder("reply-1", "reply-2");
        assertThat(store().processedMessageIds(List.of())).isEmpty();
    }

    @Test
    default void aReplyForASagaTheStoreDoesNotKnowCanBeRecorded() {
        store().commit(batch().inbox(inbox("late-reply", "unknown-saga")).build());

        assertThat(store().processedMessageIds(List.of("late-reply"))).containsExactly("late-reply");
    }

    @Test
    default void recordingAProcessedMessageTwiceIsAConflictAndNothingOfTheBatchIsWritten() {
        SagaRecord started = saga("saga-1").build();
        store().commit(batch().insert(started).inbox(inbox("reply-1", "saga-1")).build());

        TransitionBatch replayed = batch().update(nextRevision(started)).history(history("saga-1", 1))
                .inbox(inbox("reply-1", "saga-1")).build();
        assertThatThrownBy(() -> store().commit(replayed)).isInstanceOf(StoreConflictException.class);

        assertThat(store().load(List.of("saga-1")).get("saga-1")).isEqualTo(started);
        assertThat(store().history("saga-1")).isEmpty();
    }
}
