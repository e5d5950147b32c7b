package dev.sagitta.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagitta.dsl.Saga;
import dev.sagitta.dsl.SagaDefinition;
import dev.sagitta.engine.SagaHandle;
import dev.sagitta.engine.SagaStatus;
import dev.sagitta.engine.TimelineEntry;
import dev.sagitta.engine.UnregisteredDefinitionException;
import dev.sagitta.engine.spi.CommandMessage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Several versions of one saga at once: each instance finishes on the version it started with. */
class DefinitionVersionsTest {

    record Order(String id) {
    }

    private static final SagaDefinition<Order> V1 = Saga.define("order", Order.class).version(1)
            .step("reserve", s -> s.invoke("stock", "order.stock.reserve", o -> o)
                    .compensateWith("stock", "order.stock.release", o -> o))
            .step("ship", s -> s.invoke("shipping", "order.shipping.ship", o -> o).pivot())
            .build();

    private static final SagaDefinition<Order> V2 = Saga.define("order", Order.class).version(2)
            .step("reserve", s -> s.invoke("stock", "order.stock.reserve", o -> o)
                    .compensateWith("stock", "order.stock.release", o -> o))
            .step("charge", s -> s.invoke("payments", "order.payment.charge", o -> o)
                    .compensateWith("payments", "order.payment.refund", o -> o))
            .step("ship", s -> s.invoke("shipping", "order.shipping.ship", o -> o).pivot())
            .build();

    private final InMemorySagaStore store = new InMemorySagaStore();
    private int harnesses;

    private SagaTestHarness harness(Participant stock, SagaDefinition<?>... definitions) {
        return SagaTestHarness.builder()
                .store(store)
                .idPrefix("node" + ++harnesses)
                .register(definitions)
                .customParticipant("stock", stock)
                .customParticipant("payments", Participant.alwaysSucceeds())
                .customParticipant("shipping", Participant.alwaysSucceeds())
                .build();
    }

    @Test
    void anEngineThatLacksTheVersionOfUnfinishedSagasRefusesToStartAndNamesIt() {
        harness(Participant.silent(), V1).startSaga(V1, new Order("o-1"));

        assertThatThrownBy(() -> harness(Participant.alwaysSucceeds(), V2))
                .isInstanceOf(UnregisteredDefinitionException.class)
                .hasMessageContaining("order:v1")
                .hasMessageContaining("register those versions too");
    }

    @Test
    void aSagaStartedOnVersionOneFinishesOnVersionOneWhileNewSagasStartOnVersionTwo() {
        SagaHandle old = harness(Participant.silent(), V1).startSaga(V1, new Order("o-1"));

        SagaTestHarness upgraded = harness(Participant.alwaysSucceeds(), V1, V2);
        SagaHandle fresh = upgraded.startSaga(V2, new Order("o-2"));

        assertThat(upgraded.runUntilTerminal(fresh.id(), Duration.ofMinutes(1))).isEqualTo(SagaStatus.COMPLETED);
        assertThat(steps(upgraded, fresh.id())).containsExactly("reserve", "charge", "ship");
        // The first node stopped before deleting the old saga's sent command from the outbox: the new
        // node's relay sends it again (at least once), and the saga finishes on version 1's steps.
        assertThat(upgraded.runUntilTerminal(old.id(), Duration.ofMinutes(1))).isEqualTo(SagaStatus.COMPLETED);
        assertThat(upgraded.view(old.id()).version()).isEqualTo(1);
        assertThat(steps(upgraded, old.id())).containsExactly("reserve", "ship");
        assertThat(upgraded.transport().sentTo("stock")).filteredOn(c -> c.sagaId().equals(old.id()))
                .extracting(CommandMessage::messageType).containsExactly("order.stock.reserve");
    }

    private static List<String> steps(SagaTestHarness harness, String sagaId) {
        return harness.view(sagaId).timeline().stream().map(TimelineEntry::step).filter(s -> s != null).distinct()
                .toList();
    }
}
