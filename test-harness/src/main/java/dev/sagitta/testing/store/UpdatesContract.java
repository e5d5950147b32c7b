package dev.sagitta.testing.store;

import static dev.sagitta.testing.store.StoreFixtures.NOW;
import static dev.sagitta.testing.store.StoreFixtures.batch;
import static dev.sagitta.testing.store.StoreFixtures.history;
import static dev.sagitta.testing.store.StoreFixtures.inbox;
import static dev.sagitta.testing.store.StoreFixtures.inserting;
import static dev.sagitta.testing.store.StoreFixtures.messageIds;
import static dev.sagitta.testing.store.StoreFixtures.minutesLater;
import static dev.sagitta.testing.store.StoreFixtures.nextRevision;
import static dev.sagitta.testing.store.StoreFixtures.outbox;
import static dev.sagitta.testing.store.StoreFixtures.saga;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagitta.engine.spi.HistoryRecord;
import dev.sagitta.engine.spi.InboxEntry;
import dev.sagitta.engine.spi.SagaRecord;
import dev.sagitta.engine.spi.SagaStore;
import dev.sagitta.engine.spi.StoreConflictException;
import dev.sagitta.engine.spi.TransitionBatch;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Optimistic updates: a saga is written only from the revision before it, and a batch is all or
 * nothing. Part of {@link SagaStoreContract}.
 */
interface UpdatesContract {

    SagaStore store();

    @Test
    default void anUpdateAtTheNextRevisionReplacesTheSaga() {
        SagaRecord started = saga("saga-1").businessKey("order-7").build();
        store().commit(inserting(started));
        SagaRecord next = nextRevision(started);

        store().commit(batch().update(next).build());

        assertThat(store().load(List.of("saga-1")).get("saga-1")).isEqualTo(next);
    }

    @Test
    default void theSameRevisionCannotBeWrittenTwice() {
        SagaRecord started = saga("saga-1").build();
        store().commit(inserting(started));
        store().commit(batch().update(nextRevision(started)).build());

        assertThatThrownBy(() -> store().commit(batch().update(nextRevision(started)).build()))
                .isInstanceOf(StoreConflictException.class);
    }

    @Test
    default void updatingASagaThatDoesNotExistIsAConflict() {
        SagaRecord neverInserted = nextRevision(saga("saga-1").build());

        assertThatThrownBy(() -> store().commit(batch().update(neverInserted).build()))
                .isInstanceOf(StoreConflictException.class);
        assertThat(store().load(List.of("saga-1"))).isEmpty();
    }

    @Test
    default void aStaleRevisionIsAConflictAndNothingOfTheBatchIsWritten() {
        SagaRecord hotel = saga("hotel-saga").build();
        SagaRecord flight = saga("flight-saga").build();
        store().commit(batch().insert(hotel, flight)
                .history(history("hotel-saga", 1)).outbox(outbox("sent-earlier", "hotel-saga", 1))
                .inbox(inbox("reply-0", "hotel-saga")).build());
        SagaRecord stale = nextRevision(nextRevision(hotel)); // revision 3 while the store holds 1

        TransitionBatch doomed = batch()
                .insert(saga("new-saga").businessKey("order-7").build())
                .update(nextRevision(flight), stale)
                .history(history("hotel-saga", 2), history("flight-saga", 1))
                .outbox(outbox("cmd-1", "flight-saga", 1))
                .inbox(inbox("reply-1", "flight-saga"))
                .dispatched("sent-earlier")
                .build();
        assertThatThrownBy(() -> store().commit(doomed)).isInstanceOfSatisfying(StoreConflictException.class,
                conflict -> assertThat(conflict.staleSagaIds()).containsExactly("hotel-saga"));

        assertThat(store().load(List.of("new-saga"))).isEmpty();
        assertThat(store().findIdByBusinessKey("trip", "order-7")).isEmpty();
        assertThat(store().load(List.of("hotel-saga", "flight-saga")))
                .containsEntry("hotel-saga", hotel).containsEntry("flight-saga", flight);
        assertThat(store().history("hotel-saga")).containsExactly(history("hotel-saga", 1));
        assertThat(store().history("flight-saga")).isEmpty();
        assertThat(store().processedMessageIds(List.of("reply-0", "reply-1"))).containsExactly("reply-0");
        assertThat(messageIds(store().claimOutbox(NOW, minutesLater(1), 10))).containsExactly("sent-earlier");
    }

    @Test
    default void aStaleRevisionAmongManySagasIsAConflictAndNothingOfTheBatchIsWritten() {
        // Enough rows that a store writing small batches differently writes this one its other way.
        List<SagaRecord> started = IntStream.rangeClosed(1, 40).mapToObj(i -> saga("saga-" + i).build()).toList();
        store().commit(batch().insert(started.toArray(SagaRecord[]::new)).build());
        List<SagaRecord> moved = started.stream()
                .map(saga -> saga.sagaId().equals("saga-17") ? nextRevision(nextRevision(saga)) : nextRevision(saga))
                .toList();

        TransitionBatch doomed = batch()
                .update(moved.toArray(SagaRecord[]::new))
                .history(started.stream().map(saga -> history(saga.sagaId(), 1)).toArray(HistoryRecord[]::new))
                .inbox(started.stream().map(saga -> inbox("reply-" + saga.sagaId(), saga.sagaId()))
                        .toArray(InboxEntry[]::new))
                .build();
        assertThatThrownBy(() -> store().commit(doomed)).isInstanceOf(StoreConflictException.class);

        assertThat(store().load(List.of("saga-1", "saga-17", "saga-40")).values())
                .extracting(SagaRecord::revision).containsOnly(1L);
        assertThat(store().history("saga-1")).isEmpty();
        assertThat(store().processedMessageIds(List.of("reply-saga-1", "reply-saga-40"))).isEmpty();
    }

    @Test
    default void aSagaInsertedEarlierInTheBatchCanBeUpdatedByIt() {
        SagaRecord started = saga("saga-1").build();
        SagaRecord next = nextRevision(started);

        store().commit(batch().insert(started).update(next).build());

        assertThat(store().load(List.of("saga-1")).get("saga-1")).isEqualTo(next);
    }
}
