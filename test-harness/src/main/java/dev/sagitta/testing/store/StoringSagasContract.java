package dev.sagitta.testing.store;

import static dev.sagitta.testing.store.StoreFixtures.NOW;
import static dev.sagitta.testing.store.StoreFixtures.inserting;
import static dev.sagitta.testing.store.StoreFixtures.minutesAgo;
import static dev.sagitta.testing.store.StoreFixtures.minutesLater;
import static dev.sagitta.testing.store.StoreFixtures.saga;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagitta.engine.SagaStatus;
import dev.sagitta.engine.spi.SagaRecord;
import dev.sagitta.engine.spi.SagaStore;
import dev.sagitta.engine.spi.StoreConflictException;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Inserting and loading sagas. Part of {@link SagaStoreContract}. */
interface StoringSagasContract {

    SagaStore store();

    @Test
    default void anInsertedSagaLoadsBackWithEveryField() {
        SagaRecord saga = new SagaRecord("saga-1", "trip", 3, SagaStatus.COMPENSATING, "{\"city\":\"Lisbon\"}",
                "hotel=DONE;flight=SENT", minutesLater(2), 1, "corr-1", "tenant-1", "booking-42",
                minutesAgo(1), NOW);

        store().commit(inserting(saga));

        assertThat(store().load(List.of("saga-1"))).containsExactlyEntriesOf(Map.of("saga-1", saga));
    }

    @Test
    default void optionalFieldsComeBackAsNull() {
        SagaRecord saga = saga("saga-1").build();

        store().commit(inserting(saga));

        SagaRecord loaded = store().load(List.of("saga-1")).get("saga-1");
        assertThat(loaded).isEqualTo(saga);
        assertThat(loaded.wakeAt()).isNull();
        assertThat(loaded.businessKey()).isNull();
    }

    @Test
    default void everyStatusRoundTrips() {
        for (SagaStatus status : SagaStatus.values()) {
            store().commit(inserting(saga("saga-" + status).status(status).build()));
        }

        for (SagaStatus status : SagaStatus.values()) {
            assertThat(store().load(List.of("saga-" + status)).get("saga-" + status).status()).isEqualTo(status);
        }
    }

    @Test
    default void loadLeavesOutIdsThatDoNotExist() {
        store().commit(inserting(saga("saga-1").build()));

        assertThat(store().load(List.of("saga-1", "missing")).keySet()).containsExactly("saga-1");
        assertThat(store().load(List.of("missing"))).isEmpty();
        assertThat(store().load(List.of())).isEmpty();
    }

    @Test
    default void manySagasInsertedInOneBatchLoadInOneCall() {
        List<SagaRecord> sagas = IntStream.range(0, 2_500).mapToObj(i -> saga("saga-" + i).build()).toList();

        store().commit(inserting(sagas.toArray(SagaRecord[]::new)));

        List<String> ids = sagas.stream().map(SagaRecord::sagaId).toList();
        assertThat(store().load(ids)).hasSize(2_500).containsEntry("saga-2499", sagas.get(2_499));
    }

    @Test
    default void aTakenSagaIdIsAConflictAndNothingOfTheBatchIsWritten() {
        store().commit(inserting(saga("saga-1").build()));

        assertThatThrownBy(() -> store().commit(inserting(saga("saga-2").build(), saga("saga-1").build())))
                .isInstanceOf(StoreConflictException.class);

        assertThat(store().load(List.of("saga-2"))).isEmpty();
    }

    @Test
    default void theSameSagaIdTwiceInOneBatchIsAConflict() {
        assertThatThrownBy(() -> store().commit(inserting(saga("saga-1").build(), saga("saga-1").build())))
                .isInstanceOf(StoreConflictException.class);

        assertThat(store().load(List.of("saga-1"))).isEmpty();
    }
}
