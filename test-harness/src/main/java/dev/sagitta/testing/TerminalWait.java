package dev.sagitta.testing;

import dev.sagitta.engine.SagaStatus;
import dev.sagitta.engine.UnknownSagaException;
import dev.sagitta.engine.spi.SagaRecord;
import dev.sagitta.engine.spi.SagaStore;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Lets virtual time pass, a poll interval at a time, until sagas are terminal or a limit of virtual
 * time has passed. Reads rows, not views: it checks at every step of virtual time.
 *
 * <p>Not thread-safe: used on the harness's thread.
 */
final class TerminalWait {

    private final SagaStore store;
    private final ManualTaskExecutor executor;
    private final Duration pollInterval;

    TerminalWait(SagaStore store, ManualTaskExecutor executor, Duration pollInterval) {
        this.store = store;
        this.executor = executor;
        this.pollInterval = pollInterval;
    }

    /** Runs until the saga is terminal or {@code limit} has passed; its status then. */
    SagaStatus untilTerminal(String sagaId, Duration limit) {
        runUntil(() -> statusOf(sagaId).isTerminal(), limit);
        return statusOf(sagaId);
    }

    /** Runs until all of {@code sagaIds} are terminal or {@code limit} has passed; whether they all are. */
    boolean untilAllTerminal(Collection<String> sagaIds, Duration limit) {
        runUntil(() -> allTerminal(sagaIds), limit);
        return allTerminal(sagaIds);
    }

    private void runUntil(BooleanSupplier done, Duration limit) {
        Duration passed = Duration.ZERO;
        executor.runUntilIdle();
        while (!done.getAsBoolean() && passed.compareTo(limit) < 0) {
            executor.advance(pollInterval);
            passed = passed.plus(pollInterval);
        }
    }

    private SagaStatus statusOf(String sagaId) {
        SagaRecord record = store.load(List.of(sagaId)).get(sagaId);
        if (record == null) {
            throw new UnknownSagaException(sagaId);
        }
        return record.status();
    }

    private boolean allTerminal(Collection<String> sagaIds) {
        Map<String, SagaRecord> records = store.load(sagaIds);
        for (String sagaId : sagaIds) {
            SagaRecord record = records.get(sagaId);
            if (record == null || !record.status().isTerminal()) {
                return false;
            }
        }
        return true;
    }
}
