package dev.sagitta.testing.store;

import static dev.sagitta.testing.store.StoreFixtures.NOW;
import static dev.sagitta.testing.store.StoreFixtures.batch;
import static dev.sagitta.testing.store.StoreFixtures.command;
import static dev.sagitta.testing.store.StoreFixtures.messageIds;
import static dev.sagitta.testing.store.StoreFixtures.minutesAgo;
import static dev.sagitta.testing.store.StoreFixtures.minutesLater;
import static dev.sagitta.testing.store.StoreFixtures.outbox;
import static dev.sagitta.testing.store.StoreFixtures.saga;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagitta.engine.spi.CommandMessage;
import dev.sagitta.engine.spi.OutboxEntry;
import dev.sagitta.engine.spi.SagaStore;
import dev.sagitta.engine.spi.StoreConflictException;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Claiming outbox rows under a lease, in creation order, and deleting sent ones. Part of {@link SagaStoreContract}. */
interface OutboxContract {

    SagaStore store();

    @Test
    default void anOutboxClaimReturnsOnlyAvailableRowsInCreationOrder() {
        store().commit(batch().outbox(outbox("hotel-1", "hotel-saga", 1)).build());
        store().commit(batch().outbox(outbox("later-1", "later-saga", 1, minutesLater(10))).build());
        store().commit(batch().outbox(outbox("flight-1", "flight-saga", 1)).build());
        store().commit(batch().outbox(outbox("hotel-3", "hotel-saga", 3), outbox("hotel-2", "hotel-saga", 2)).build());

        List<OutboxEntry> claimed = store().claimOutbox(NOW, minutesLater(1), 10);

        assertThat(messageIds(claimed)).containsExactly("hotel-1", "flight-1", "hotel-2", "hotel-3");
    }

    @Test
    default void aClaimedOutboxRowCarriesTheWholeCommandAndItsLease() {
        CommandMessage full = command("cmd-1", "saga-1");
        CommandMessage sparse = new CommandMessage("cmd-2", "trip.car.cancel", "saga-1", "trip", "rent-car", 2,
                true, "car", "{}", null, null, minutesAgo(1));
        store().commit(batch()
                .outbox(new OutboxEntry(1, full, NOW), new OutboxEntry(2, sparse, minutesAgo(1))).build());

        List<OutboxEntry> claimed = store().claimOutbox(NOW, minutesLater(1), 10);

        assertThat(claimed).containsExactly(new OutboxEntry(1, full, minutesLater(1)),
                new OutboxEntry(2, sparse, minutesLater(1)));
    }

    @Test
    default void aClaimedOutboxRowIsNotClaimedAgainUntilItsLeaseEnds() {
        store().commit(batch().outbox(outbox("cmd-1", "saga-1", 1), outbox("cmd-2", "saga-2", 1)).build());
        Instant leaseEnd = minutesLater(1);

        assertThat(store().claimOutbox(NOW, leaseEnd, 10)).hasSize(2);
        assertThat(store().claimOutbox(leaseEnd.minusMillis(1), minutesLater(2), 10)).isEmpty();
        assertThat(messageIds(store().claimOutbox(leaseEnd, minutesLater(2), 10))).containsExactly("cmd-1", "cmd-2");
    }

    @Test
    default void anOutboxClaimTakesAtMostTheLimitOldestFirst() {
        store().commit(batch().outbox(IntStream.rangeClosed(1, 5)
                .mapToObj(seq -> outbox("cmd-" + seq, "saga-1", seq)).toArray(OutboxEntry[]::new)).build());

        assertThat(messageIds(store().claimOutbox(NOW, minutesLater(1), 2))).containsExactly("cmd-1", "cmd-2");
        assertThat(messageIds(store().claimOutbox(NOW, minutesLater(1), 2))).containsExactly("cmd-3", "cmd-4");
        assertThat(messageIds(store().claimOutbox(NOW, minutesLater(1), 2))).containsExactly("cmd-5");
    }

    @Test
    default void dispatchedOutboxRowsAreDeleted() {
        store().commit(batch().outbox(outbox("cmd-1", "saga-1", 1), outbox("cmd-2", "saga-1", 2)).build());

        store().commit(batch().dispatched("cmd-1", "already-gone").build());

        assertThat(messageIds(store().claimOutbox(minutesLater(60), minutesLater(61), 10))).containsExactly("cmd-2");
    }

    @Test
    default void aMessageIdAlreadyInTheOutboxIsAConflict() {
        store().commit(batch().outbox(outbox("cmd-1", "saga-1", 1)).build());

        assertThatThrownBy(() -> store().commit(batch().outbox(outbox("cmd-1", "saga-2", 1)).build()))
                .isInstanceOf(StoreConflictException.class);
    }

    @Test
    default void anOutboxClaimWithALimitBelowOneIsRejected() {
        assertThatThrownBy(() -> store().claimOutbox(NOW, minutesLater(1), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limit");
    }
}
