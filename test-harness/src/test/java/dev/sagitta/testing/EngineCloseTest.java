package dev.sagitta.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagitta.dsl.Saga;
import dev.sagitta.dsl.SagaDefinition;
import dev.sagitta.engine.SagaException;
import dev.sagitta.engine.SagaHandle;
import dev.sagitta.engine.StartOptions;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Closing an engine leaves no caller waiting for an event it will never apply. */
class EngineCloseTest {

    record Order(String id) {
    }

    private static final SagaDefinition<Order> ORDER = Saga.define("order", Order.class)
            .step("ship", s -> s.invoke("shipping", "order.shipping.ship", o -> o).pivot())
            .build();

    @Test
    void eventsStillWaitingWhenTheEngineClosesFailWithAClearMessage() {
        SagaTestHarness harness = SagaTestHarness.builder().register(ORDER)
                .customParticipant("shipping", Participant.alwaysSucceeds()).build();
        CompletableFuture<SagaHandle> queued = harness.engine().startSagaAsync(ORDER, new Order("o-1"),
                StartOptions.none());

        harness.engine().close();
        harness.runUntilIdle();

        assertThat(queued).isCompletedExceptionally();
        assertThat(queued.handle((ok, failure) -> failure).join())
                .hasRootCauseInstanceOf(SagaException.class)
                .rootCause().hasMessageContaining("closed");
        assertThat(harness.store().unfinishedSagaIds(10)).isEmpty();
    }

    @Test
    void anEngineThatIsClosedRefusesNewEvents() {
        SagaTestHarness harness = SagaTestHarness.builder().register(ORDER)
                .customParticipant("shipping", Participant.alwaysSucceeds()).build();
        harness.engine().close();

        CompletableFuture<SagaHandle> refused = harness.engine().startSagaAsync(ORDER, new Order("o-2"),
                StartOptions.none());

        assertThat(refused).isCompletedExceptionally();
    }
}
