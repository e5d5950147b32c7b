package dev.sagitta.testing.store;

import static dev.sagitta.testing.store.StoreFixtures.NOW;
import static dev.sagitta.testing.store.StoreFixtures.batch;
import static dev.sagitta.testing.store.StoreFixtures.history;
import static dev.sagitta.testing.store.StoreFixtures.saga;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagitta.engine.spi.HistoryRecord;
import dev.sagitta.engine.spi.SagaStore;
import dev.sagitta.engine.spi.StoreConflictException;
import org.junit.jupiter.api.Test;

/** A saga's timeline. Part of {@link SagaStoreContract}. */
interface HistoryContract {

    SagaStore store();

    @Test
    default void aSagasTimelineComesBackInSeqOrder() {
        store().commit(batch().history(history("saga-1", 2), history("saga-2", 1), history("saga-1", 1)).build());
        store().commit(batch().history(history("saga-1", 4), history("saga-1", 3)).build());

        assertThat(store().history("saga-1")).extracting(HistoryRecord::seq).containsExactly(1, 2, 3, 4);
        assertThat(store().history("saga-1").get(1)).isEqualTo(history("saga-1", 2));
        assertThat(store().history("saga-2")).containsExactly(history("saga-2", 1));
        assertThat(store().history("saga-3")).isEmpty();
    }

    @Test
    default void sagaLevelEntriesKeepTheirEmptyFields() {
        HistoryRecord started = new HistoryRecord("saga-1", 1, null, 0, "SAGA_STARTED", null, NOW);

        store().commit(batch().history(started).build());

        assertThat(store().history("saga-1")).containsExactly(started);
    }

    @Test
    default void aSeqTakenInTheTimelineIsAConflict() {
        store().commit(batch().history(history("saga-1", 1)).build());

        assertThatThrownBy(() -> store().commit(batch().history(history("saga-1", 2), history("saga-1", 1)).build()))
                .isInstanceOf(StoreConflictException.class);

        assertThat(store().history("saga-1")).containsExactly(history("saga-1", 1));
    }
}
