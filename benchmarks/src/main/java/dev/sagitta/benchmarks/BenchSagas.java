package dev.sagitta.benchmarks;

import dev.sagitta.dsl.Saga;
import dev.sagitta.dsl.SagaDefinition;

/** The sagas the benchmark runs: three steps each, local or remote, the same shape as the peers'. */
final class BenchSagas {

    static final String PARTICIPANT = "bench-service";

    private BenchSagas() {
    }

    /** The saga data: an order id and how many steps have run. */
    record Order(String id, int steps) {
        Order next() {
            return new Order(id, steps + 1);
        }
    }

    record Command(String order, int step) {
    }

    /** Three local steps (reserve, charge, ship), each a trivial function, each with a compensation. */
    static SagaDefinition<Order> local() {
        return Saga.define("bench-local", Order.class)
                .step("reserve", s -> s.local((o, ctx) -> o.next()).compensateLocally((o, ctx) -> o))
                .step("charge", s -> s.local((o, ctx) -> o.next()).compensateLocally((o, ctx) -> o))
                .step("ship", s -> s.local((o, ctx) -> o.next()).pivot())
                .build();
    }

    /** Three remote steps to an in-JVM participant over Camel {@code seda:} routes. */
    static SagaDefinition<Order> remote() {
        return Saga.define("bench-remote", Order.class)
                .step("reserve", s -> s
                        .invoke(PARTICIPANT, "bench.order.reserve", o -> new Command(o.id(), 1))
                        .compensateWith(PARTICIPANT, "bench.order.release", o -> new Command(o.id(), 1)))
                .step("charge", s -> s
                        .invoke(PARTICIPANT, "bench.order.charge", o -> new Command(o.id(), 2))
                        .compensateWith(PARTICIPANT, "bench.order.refund", o -> new Command(o.id(), 2)))
                .step("ship", s -> s
                        .invoke(PARTICIPANT, "bench.order.ship", o -> new Command(o.id(), 3))
                        .pivot())
                .build();
    }
}
