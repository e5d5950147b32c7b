package dev.sagitta.testing.store;

import static dev.sagitta.testing.store.StoreFixtures.NOW;
import static dev.sagitta.testing.store.StoreFixtures.batch;
import static dev.sagitta.testing.store.StoreFixtures.history;
import static dev.sagitta.testing.store.StoreFixtures.inserting;
import static dev.sagitta.testing.store.StoreFixtures.messageIds;
import static dev.sagitta.testing.store.StoreFixtures.minutesAgo;
import static dev.sagitta.testing.store.StoreFixtures.minutesLater;
import static dev.sagitta.testing.store.StoreFixtures.nextRevision;
import static dev.sagitta.testing.store.StoreFixtures.outbox;
import static dev.sagitta.testing.store.StoreFixtures.saga;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sagitta.engine.spi.OutboxEntry;
import dev.sagitta.engine.spi.SagaRecord;
import dev.sagitta.engine.spi.SagaStore;
import dev.sagitta.engine.spi.StoreConflictException;
import dev.sagitta.engine.spi.TransitionBatch;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Several callers at once, as when several engine nodes share one database. Part of {@link SagaStoreContract}. */
interface ConcurrencyContract {

    SagaStore store();

    /** How many callers race; at least two, few enough for one small machine. */
    int CALLERS = 4;

    @Test
    default void concurrentClaimersNeverGetTheSameSaga() throws Exception {
        List<String> due = IntStream.range(0, 200).mapToObj(i -> "saga-" + i).toList();
        store().commit(inserting(due.stream().map(id -> saga(id).wakeAt(minutesAgo(1)).build())
                .toArray(SagaRecord[]::new)));

        List<List<String>> claimedPerCaller = ConcurrentCallers.run(CALLERS,
                caller -> claimUntilNoneLeft(() -> store().claimDueSagas(NOW, minutesLater(1), 7)));

        List<String> claimed = claimedPerCaller.stream().flatMap(List::stream).toList();
        assertThat(claimed).doesNotHaveDuplicates();
        List<String> all = new ArrayList<>(claimed);
        all.addAll(store().claimDueSagas(NOW, minutesLater(1), 1_000)); // left by a claimer that gave up early
        assertThat(all).containsExactlyInAnyOrderElementsOf(due);
    }

    @Test
    default void concurrentClaimersNeverGetTheSameOutboxRow() throws Exception {
        List<String> queued = IntStream.range(0, 200).mapToObj(i -> "cmd-" + i).toList();
        store().commit(batch().outbox(queued.stream().map(id -> outbox(id, "saga-" + id, 1))
                .toArray(OutboxEntry[]::new)).build());

        List<List<String>> claimedPerCaller = ConcurrentCallers.run(CALLERS,
                caller -> claimUntilNoneLeft(() -> messageIds(store().claimOutbox(NOW, minutesLater(1), 7))));

        List<String> claimed = claimedPerCaller.stream().flatMap(List::stream).toList();
        assertThat(claimed).doesNotHaveDuplicates();
        List<String> all = new ArrayList<>(claimed);
        all.addAll(messageIds(store().claimOutbox(NOW, minutesLater(1), 1_000)));
        assertThat(all).containsExactlyInAnyOrderElementsOf(queued);
    }

    @Test
    default void ofConcurrentUpdatesFromOneRevisionExactlyOneWins() throws Exception {
        List<SagaRecord> started = IntStream.range(0, 20).mapToObj(i -> saga("saga-" + i).build()).toList();
        store().commit(inserting(started.toArray(SagaRecord[]::new)));

        List<Set<String>> wonPerCaller = ConcurrentCallers.run(CALLERS, caller -> {
            Set<String> won = new HashSet<>();
            for (SagaRecord saga : started) {
                SagaRecord mine = withData(nextRevision(saga), "caller-" + caller);
                if (commitOrConflict(batch().update(mine).history(history(saga.sagaId(), 1)).build())) {
                    won.add(saga.sagaId());
                }
            }
            return won;
        });

        for (SagaRecord saga : started) {
            List<Integer> winners = IntStream.range(0, CALLERS)
                    .filter(caller -> wonPerCaller.get(caller).contains(saga.sagaId())).boxed().toList();
            assertThat(winners).as("callers whose update of %s committed", saga.sagaId()).hasSize(1);
            assertThat(store().load(List.of(saga.sagaId())).get(saga.sagaId()).data())
                    .isEqualTo("caller-" + winners.get(0));
            assertThat(store().history(saga.sagaId())).hasSize(1);
        }
    }

    @Test
    default void ofConcurrentStartsWithOneBusinessKeyExactlyOneWins() throws Exception {
        List<Set<String>> wonPerCaller = ConcurrentCallers.run(CALLERS, caller -> {
            Set<String> won = new HashSet<>();
            for (int key = 0; key < 20; key++) {
                SagaRecord start = saga("saga-" + key + "-by-" + caller).businessKey("order-" + key).build();
                if (commitOrConflict(inserting(start))) {
                    won.add("order-" + key);
                }
            }
            return won;
        });

        for (int key = 0; key < 20; key++) {
            String businessKey = "order-" + key;
            assertThat(wonPerCaller.stream().filter(won -> won.contains(businessKey)))
                    .as("callers whose start with %s committed", businessKey).hasSize(1);
            assertThat(store().findIdByBusinessKey("trip", businessKey)).isPresent();
        }
    }

    private boolean commitOrConflict(TransitionBatch batch) {
        try {
            store().commit(batch);
            return true;
        } catch (StoreConflictException lostTheRace) {
            return false;
        }
    }

    private static List<String> claimUntilNoneLeft(Supplier<List<String>> claim) {
        List<String> claimed = new ArrayList<>();
        for (List<String> batch = claim.get(); !batch.isEmpty(); batch = claim.get()) {
            claimed.addAll(batch);
        }
        return claimed;
    }

    private static SagaRecord withData(SagaRecord r, String data) {
        return new SagaRecord(r.sagaId(), r.sagaType(), r.sagaVersion(), r.status(), data, r.progress(),
                r.wakeAt(), r.revision(), r.correlationId(), r.tenantId(), r.businessKey(), r.createdAt(),
                r.updatedAt());
    }
}
