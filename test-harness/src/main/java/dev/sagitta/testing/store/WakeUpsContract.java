package dev.sagitta.testing.store;

import static dev.sagitta.testing.store.StoreFixtures.NOW;
import static dev.sagitta.testing.store.StoreFixtures.batch;
import static dev.sagitta.testing.store.StoreFixtures.inserting;
import static dev.sagitta.testing.store.StoreFixtures.minutesAgo;
import static dev.sagitta.testing.store.StoreFixtures.minutesLater;
import static dev.sagitta.testing.store.StoreFixtures.nextRevision;
import static dev.sagitta.testing.store.StoreFixtures.saga;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagitta.engine.SagaStatus;
import dev.sagitta.engine.spi.SagaRecord;
import dev.sagitta.engine.spi.SagaStore;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Claiming due sagas under a lease. Part of {@link SagaStoreContract}. */
interface WakeUpsContract {

    SagaStore store();

    @Test
    default void aWakeUpClaimReturnsDueUnfinishedSagasOldestFirst() {
        store().commit(inserting(
                saga("due-1m").wakeAt(minutesAgo(1)).build(),
                saga("due-3m").wakeAt(minutesAgo(3)).build(),
                saga("due-now").status(SagaStatus.COMPENSATING).wakeAt(NOW).build(),
                saga("due-2m").wakeAt(minutesAgo(2)).build(),
                saga("not-yet").wakeAt(minutesLater(1)).build(),
                saga("no-wake-up").build(),
                saga("completed").status(SagaStatus.COMPLETED).wakeAt(minutesAgo(9)).build(),
                saga("compensated").status(SagaStatus.COMPENSATED).wakeAt(minutesAgo(9)).build(),
                saga("failed").status(SagaStatus.FAILED).wakeAt(minutesAgo(9)).build()));

        assertThat(store().claimDueSagas(NOW, minutesLater(1), 10))
                .containsExactly("due-3m", "due-2m", "due-1m", "due-now");
    }

    @Test
    default void claimingMovesTheWakeUpToTheLeaseEndAndKeepsTheRevision() {
        SagaRecord due = saga("saga-1").wakeAt(minutesAgo(1)).build();
        store().commit(inserting(due));

        store().claimDueSagas(NOW, minutesLater(1), 10);

        SagaRecord claimed = store().load(List.of("saga-1")).get("saga-1");
        assertThat(claimed.wakeAt()).isEqualTo(minutesLater(1));
        assertThat(claimed.revision()).isEqualTo(1);
    }

    @Test
    default void aClaimedSagaIsNotClaimedAgainUntilItsLeaseEnds() {
        store().commit(inserting(saga("saga-1").wakeAt(minutesAgo(1)).build()));
        Instant leaseEnd = minutesLater(1);

        assertThat(store().claimDueSagas(NOW, leaseEnd, 10)).containsExactly("saga-1");
        assertThat(store().claimDueSagas(leaseEnd.minusMillis(1), minutesLater(2), 10)).isEmpty();
        assertThat(store().claimDueSagas(leaseEnd, minutesLater(2), 10)).containsExactly("saga-1");
    }

    @Test
    default void aWakeUpClaimTakesAtMostTheLimit() {
        store().commit(inserting(IntStream.rangeClosed(1, 5)
                .mapToObj(i -> saga("saga-" + i).wakeAt(minutesAgo(10 - i)).build()).toArray(SagaRecord[]::new)));

        assertThat(store().claimDueSagas(NOW, minutesLater(1), 2)).containsExactly("saga-1", "saga-2");
        assertThat(store().claimDueSagas(NOW, minutesLater(1), 2)).containsExactly("saga-3", "saga-4");
        assertThat(store().claimDueSagas(NOW, minutesLater(1), 2)).containsExactly("saga-5");
    }

    @Test
    default void sagasDueAtTheSameTimeComeInIdOrder() {
        store().commit(inserting(saga("saga-b").wakeAt(NOW).build(), saga("saga-a").wakeAt(NOW).build()));

        assertThat(store().claimDueSagas(NOW, minutesLater(1), 10)).containsExactly("saga-a", "saga-b");
    }

    @Test
    default void aSagaThatFinishedIsNeverClaimedAgain() {
        SagaRecord running = saga("saga-1").wakeAt(minutesAgo(1)).build();
        store().commit(inserting(running));
        SagaRecord n = nextRevision(running);
        SagaRecord completed = new SagaRecord(n.sagaId(), n.sagaType(), n.sagaVersion(), SagaStatus.COMPLETED,
                n.data(), n.progress(), null, n.revision(), null, null, null, n.createdAt(), n.updatedAt());

        store().commit(batch().update(completed).build());

        assertThat(store().claimDueSagas(minutesLater(60), minutesLater(61), 10)).isEmpty();
    }

    @Test
    default void aWakeUpClaimWithALimitBelowOneIsRejected() {
        assertThatThrownBy(() -> store().claimDueSagas(NOW, minutesLater(1), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limit");
    }
}
