package dev.sagitta.testing;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.sagitta.dsl.Saga;
import dev.sagitta.dsl.SagaDefinition;
import dev.sagitta.engine.SagaHandle;
import dev.sagitta.engine.SagaStatus;
import dev.sagitta.engine.StalledSaga;
import dev.sagitta.engine.spi.SagaRecord;
import dev.sagitta.engine.spi.TransitionBatch;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Sagas that stopped moving are found, through the engine's API and a log line naming each. */
class StalledSagaTest {

    private static final String HOTEL = "hotel-service";

    record Stay(String guest) {
    }

    /** A hotel that never answers, and a step that waits two hours for it. */
    private final SagaDefinition<Stay> stay = Saga.define("stay", Stay.class)
            .step("reserve-room", s -> s.invoke(HOTEL, "stay.room.reserve", st -> st)
                    .compensateWith(HOTEL, "stay.room.release", st -> st)
                    .timeout(Duration.ofHours(2)))
            .build();
    private final SagaTestHarness harness = SagaTestHarness.builder()
            .register(stay)
            .participant(HOTEL, hotel -> hotel.otherwise(Reply.never()))
            .build();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private Level levelBefore;

    @BeforeEach
    void captureEngineWarnings() {
        log.start();
        levelBefore = engineLogger().getLevel();
        // The tests' logging configuration may hide warnings; this test reads them.
        engineLogger().setLevel(Level.WARN);
        engineLogger().addAppender(log);
    }

    @AfterEach
    void stopCapturing() {
        engineLogger().detachAppender(log);
        engineLogger().setLevel(levelBefore);
    }

    private static Logger engineLogger() {
        return (Logger) LoggerFactory.getLogger("dev.sagitta.engine.internal.EngineRuntime");
    }

    @Test
    void a_saga_wedged_without_a_wake_up_is_reported_at_once() {
        SagaHandle wedged = harness.startSaga(stay, new Stay("ada"));
        SagaHandle waiting = harness.startSaga(stay, new Stay("bob"));
        harness.runUntilIdle();
        // Nothing in the engine leaves a saga like this: the store is edited by hand to wedge it.
        clearWakeUp(wedged.id());

        List<StalledSaga> stalled = harness.engine().findStalled(Duration.ofHours(3), 10);

        assertThat(stalled).singleElement().satisfies(saga -> {
            assertThat(saga.sagaId()).isEqualTo(wedged.id());
            assertThat(saga.status()).isEqualTo(SagaStatus.RUNNING);
            assertThat(saga.wakeAt()).isNull();
            assertThat(saga.why()).isEqualTo("it has no wake-up time, so no timer or timeout will move it");
        });
        assertThat(stalled).extracting(StalledSaga::sagaId).doesNotContain(waiting.id());
        assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage).singleElement().asString()
                .startsWith("Saga " + wedged.id() + " (stay, RUNNING) is stalled");
    }

    @Test
    void a_saga_without_a_transition_for_longer_than_the_threshold_is_reported() {
        SagaHandle slow = harness.startSaga(stay, new Stay("ada"));
        harness.advance(Duration.ofMinutes(20));
        assertThat(harness.engine().findStalled(Duration.ofMinutes(30), 10)).isEmpty();

        harness.advance(Duration.ofMinutes(20));

        assertThat(harness.engine().findStalled(Duration.ofMinutes(30), 10)).singleElement().satisfies(saga -> {
            assertThat(saga.sagaId()).isEqualTo(slow.id());
            assertThat(saga.wakeAt()).isNotNull();
            assertThat(saga.why()).startsWith("no transition since ");
        });
    }

    private void clearWakeUp(String sagaId) {
        SagaRecord r = harness.store().load(List.of(sagaId)).get(sagaId);
        SagaRecord wedged = new SagaRecord(r.sagaId(), r.sagaType(), r.sagaVersion(), r.status(), r.data(),
                r.progress(), null, r.revision() + 1, r.correlationId(), r.tenantId(), r.businessKey(),
                r.createdAt(), r.updatedAt());
        harness.store().commit(new TransitionBatch(List.of(), List.of(wedged), List.of(), List.of(), List.of(),
                List.of()));
    }
}
