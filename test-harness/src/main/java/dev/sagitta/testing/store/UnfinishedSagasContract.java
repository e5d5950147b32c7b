package dev.sagitta.testing.store;

import static dev.sagitta.testing.store.StoreFixtures.inserting;
import static dev.sagitta.testing.store.StoreFixtures.saga;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sagitta.engine.SagaStatus;
import dev.sagitta.engine.spi.SagaStore;
import dev.sagitta.engine.spi.SagaTypeVersion;
import org.junit.jupiter.api.Test;

/** Which definition versions unfinished sagas still need. Part of {@link SagaStoreContract}. */
interface UnfinishedTypeVersionsContract {

    SagaStore store();

    @Test
    default void namesTheVersionsThatUnfinishedSagasArePinnedTo() {
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
    default void anEmptyStoreHasNone() {
        assertThat(store().unfinishedTypeVersions()).isEmpty();
    }
}
