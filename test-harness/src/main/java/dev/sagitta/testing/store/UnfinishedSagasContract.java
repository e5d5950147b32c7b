package dev.sagitta.testing.store;

import static dev.sagitta.testing.store.StoreFixtures.inserting;
import static dev.sagitta.testing.store.StoreFixtures.minutesAgo;
import static dev.sagitta.testing.store.StoreFixtures.minutesLater;
import static dev.sagitta.testing.store.StoreFixtures.saga;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagitta.engine.SagaStatus;
import dev.sagitta.engine.spi.SagaRecord;
import dev.sagitta.engine.spi.SagaStore;
import dev.sagitta.engine.spi.SagaTypeVersion;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Finding unfinished and stalled sagas, and the definition versions they still need. Part of {@link SagaStoreContract}. */
interface UnfinishedSagasContract {

    SagaStore store();

    @Test
    default void unfinishedTypeVersionsNamesTheVersionsUnfinishedSagasArePinnedTo() {
        store().commit(inserting(
                saga("trip-1").type("trip", 1).build(),
                saga("trip-2").type("trip", 2).status(SagaStatus.COMPENSATING).build(),
                saga("trip-3").type("trip", 3).status(SagaStatus.COMPLETED).build(),
                saga("order-1").type("order", 1).status(SagaStatus.FAILED).build(),
                saga("order-2a").type("order", 2).build(),
                saga("order-2b").type("order", 2).build(),
                saga("refund-1").type("refund", 1).status(SagaStatus.COMPENSATED).build()));

        assertThat(store().unfinishedTypeVersions()).containsExactlyInAnyOrder(
                new SagaTypeVersion("trip", 1), new SagaTypeVersion("trip", 2), new SagaTypeVersion("order", 2));
    }

    @Test
    default void anEmptyStoreHasNoUnfinishedSagas() {
        assertThat(store().unfinishedTypeVersions()).isEmpty();
        assertThat(store().unfinishedSagaIds(10)).isEmpty();
    }

    @Test
    default void unfinishedSagaIdsListsRunningAndCompensatingSagasOldestFirst() {
        store().commit(inserting(
                saga("started-2m").startedAt(minutesAgo(2)).build(),
                saga("started-3m").status(SagaStatus.COMPENSATING).startedAt(minutesAgo(3)).build(),
                saga("started-1m-b").startedAt(minutesAgo(1)).build(),
                saga("started-1m-a").startedAt(minutesAgo(1)).build(),
                saga("completed").status(SagaStatus.COMPLETED).startedAt(minutesAgo(9)).build(),
                saga("compensated").status(SagaStatus.COMPENSATED).startedAt(minutesAgo(9)).build(),
                saga("failed").status(SagaStatus.FAILED).startedAt(minutesAgo(9)).build()));

        assertThat(store().unfinishedSagaIds(10))
                .containsExactly("started-3m", "started-2m", "started-1m-a", "started-1m-b");
    }

    @Test
    default void unfinishedSagaIdsTakesAtMostTheLimit() {
        store().commit(inserting(IntStream.rangeClosed(1, 5)
                .mapToObj(i -> saga("saga-" + i).startedAt(minutesAgo(10 - i)).build()).toArray(SagaRecord[]::new)));

        assertThat(store().unfinishedSagaIds(2)).containsExactly("saga-1", "saga-2");
        assertThatThrownBy(() -> store().unfinishedSagaIds(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limit");
    }

    @Test
    default void stalledSagasAreUnfinishedOnesWithNoWakeUpOrNoRecentProgress() {
        store().commit(inserting(
                saga("no-wake-up").startedAt(minutesAgo(1)).wakeAt(null).build(),
                saga("quiet-for-an-hour").startedAt(minutesAgo(60)).wakeAt(minutesLater(5)).build(),
                saga("moving").startedAt(minutesAgo(1)).wakeAt(minutesLater(1)).build(),
                saga("undoing-no-wake-up").status(SagaStatus.COMPENSATING).startedAt(minutesAgo(2)).wakeAt(null).build(),
                saga("completed-long-ago").status(SagaStatus.COMPLETED).startedAt(minutesAgo(90)).build(),
                saga("failed-long-ago").status(SagaStatus.FAILED).startedAt(minutesAgo(90)).build()));

        assertThat(store().stalledSagas(minutesAgo(30), 10)).extracting(SagaRecord::sagaId)
                .containsExactly("quiet-for-an-hour", "undoing-no-wake-up", "no-wake-up");
        assertThat(store().stalledSagas(minutesAgo(30), 1)).extracting(SagaRecord::sagaId)
                .containsExactly("quiet-for-an-hour");
        assertThatThrownBy(() -> store().stalledSagas(minutesAgo(30), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limit");
    }
}
