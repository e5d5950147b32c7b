package dev.sagitta.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagitta.dsl.Saga;
import dev.sagitta.dsl.SagaDefinition;
import dev.sagitta.engine.CancelResult;
import dev.sagitta.engine.SagaHandle;
import dev.sagitta.engine.SagaStatus;
import dev.sagitta.engine.TimelineEntry;
import dev.sagitta.engine.spi.CommandMessage;
import dev.sagitta.engine.spi.ReplyMessage;
import org.junit.jupiter.api.Test;

/**
 * Two engine nodes on one store: what one node remembers of a saga may be stale after the other
 * moved it, and must never be written over the other's work.
 */
class TwoNodesOnOneStoreTest {

    record Order(String id) {
    }

    private static final SagaDefinition<Order> ORDER = Saga.define("order", Order.class)
            .step("reserve", s -> s.invoke("stock", "order.stock.reserve", o -> o)
                    .compensateWith("stock", "order.stock.release", o -> o))
            .step("charge", s -> s.invoke("payments", "order.payment.charge", o -> o)
                    .compensateWith("payments", "order.payment.refund", o -> o))
            .build();

    private final InMemorySagaStore store = new InMemorySagaStore();
    private final SagaTestHarness nodeA = node("a");
    private final SagaTestHarness nodeB = node("b");

    private SagaTestHarness node(String name) {
        return SagaTestHarness.builder().store(store).idPrefix(name).register(ORDER)
                .customParticipant("stock", Participant.silent())
                .customParticipant("payments", Participant.silent())
                .build();
    }

    @Test
    void aNodeActingOnAStaleViewOfASagaRereadsItInsteadOfUndoingTheOtherNodesWork() {
        SagaHandle order = nodeA.startSaga(ORDER, new Order("o-1"));
        CommandMessage reserve = nodeA.transport().sentTo("stock").get(0);

        // Node B takes the reply: the saga moves on to "charge" without node A knowing.
        nodeB.transport().inject(ReplyMessage.success(reserve, "stock-ok", "order.stock.reserved", null,
                nodeB.clock().now()));
        nodeB.runUntilIdle();
        assertThat(nodeB.transport().sentTo("payments")).hasSize(1);

        // Node A still remembers the saga at "reserve"; its cancel must apply to the saga as it now is.
        CancelResult cancelled = nodeA.cancel(order.id(), "customer left");

        assertThat(cancelled.accepted()).isTrue();
        assertThat(nodeA.view(order.id()).status()).isEqualTo(SagaStatus.COMPENSATING);
        assertThat(nodeA.view(order.id()).timeline()).extracting(TimelineEntry::kind)
                .containsSubsequence("COMMAND_SENT", "STEP_SUCCEEDED", "COMMAND_SENT", "CANCEL_REQUESTED",
                        "COMPENSATION_STARTED");
        // The charge that node B sent may have happened: it is undone first, then the reservation.
        assertThat(nodeA.transport().sent()).extracting(CommandMessage::messageType)
                .endsWith("order.payment.refund");
    }
}
