package dev.sagitta.testing.store;

import static dev.sagitta.testing.store.StoreFixtures.inserting;
import static dev.sagitta.testing.store.StoreFixtures.saga;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagitta.engine.spi.SagaStore;
import dev.sagitta.engine.spi.StoreConflictException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Business keys: unique per saga type, for idempotent starts. Part of {@link SagaStoreContract}. */
interface BusinessKeysContract {

    SagaStore store();

    @Test
    default void aBusinessKeyTakenInTheSameSagaTypeIsAConflict() {
        store().commit(inserting(saga("saga-1").businessKey("order-7").build()));

        assertThatThrownBy(() -> store().commit(inserting(saga("saga-2").businessKey("order-7").build())))
                .isInstanceOf(StoreConflictException.class);

        assertThat(store().load(List.of("saga-2"))).isEmpty();
    }

    @Test
    default void theSameBusinessKeyUnderAnotherSagaTypeIsFine() {
        store().commit(inserting(saga("saga-1").type("trip", 1).businessKey("order-7").build()));
        store().commit(inserting(saga("saga-2").type("refund", 1).businessKey("order-7").build()));

        assertThat(store().findIdByBusinessKey("trip", "order-7")).contains("saga-1");
        assertThat(store().findIdByBusinessKey("refund", "order-7")).contains("saga-2");
    }

    @Test
    default void sagasWithoutABusinessKeyNeverCollide() {
        store().commit(inserting(saga("saga-1").build(), saga("saga-2").build()));
        store().commit(inserting(saga("saga-3").build()));

        assertThat(store().load(List.of("saga-1", "saga-2", "saga-3"))).hasSize(3);
    }

    @Test
    default void findIdByBusinessKeyFindsOnlyThatTypeAndKey() {
        store().commit(inserting(saga("saga-1").type("trip", 1).businessKey("order-7").build()));

        assertThat(store().findIdByBusinessKey("trip", "order-7")).contains("saga-1");
        assertThat(store().findIdByBusinessKey("trip", "order-8")).isEmpty();
        assertThat(store().findIdByBusinessKey("refund", "order-7")).isEmpty();
    }
}
