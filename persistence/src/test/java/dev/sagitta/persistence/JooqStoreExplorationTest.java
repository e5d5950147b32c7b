package dev.sagitta.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagitta.dsl.RetryPolicy;
import dev.sagitta.dsl.Saga;
import dev.sagitta.dsl.SagaDefinition;
import dev.sagitta.persistence.testing.StoreDatabase;
import dev.sagitta.testing.ExplorationReport;
import dev.sagitta.testing.Reply;
import dev.sagitta.testing.SagaExploration;
import dev.sagitta.testing.SagaTestHarness;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Crash points and message faults explored on the jOOQ store, so the SQL of every transition meets
 * every crash too. Runs one at a time on one database, emptied before each run.
 */
class JooqStoreExplorationTest {

    @RegisterExtension
    static final StoreDatabase H2 = StoreDatabase.h2();

    @RegisterExtension
    static final StoreDatabase POSTGRES = StoreDatabase.postgres();

    record Booking(String city, boolean paid, int replies) {
    }

    record Request(String city) {
    }

    private static final SagaDefinition<Booking> BOOKING = Saga.define("booking", Booking.class)
            .step("hotel", s -> s.invoke("hotel-service", "booking.hotel.reserve", b -> new Request(b.city()))
                    .onReply(Void.class, (b, r) -> new Booking(b.city(), b.paid(), b.replies() + 1))
                    .compensateWith("hotel-service", "booking.hotel.release", b -> new Request(b.city()))
                    .timeout(Duration.ofSeconds(5)).retry(RetryPolicy.fixed(2, Duration.ofSeconds(1))))
            .step("payment", s -> s.local((b, ctx) -> new Booking(b.city(), true, b.replies()))
                    .compensateLocally((b, ctx) -> new Booking(b.city(), false, b.replies()))
                    .timeout(Duration.ofSeconds(5)))
            .step("flight", s -> s.invoke("flight-service", "booking.flight.reserve", b -> new Request(b.city()))
                    .onReply(Void.class, (b, r) -> new Booking(b.city(), b.paid(), b.replies() + 1))
                    .compensateWith("flight-service", "booking.flight.release", b -> new Request(b.city()))
                    .timeout(Duration.ofSeconds(5)))
            .build();

    private static SagaExploration exploration(StoreDatabase database, Reply flight) {
        return SagaExploration.of(
                        () -> SagaTestHarness.builder()
                                .store(database.emptyStore())
                                // Each poll is a few queries; a coarser poll lets crashed runs settle sooner.
                                .pollInterval(Duration.ofSeconds(1))
                                .register(BOOKING)
                                .participant("hotel-service", hotel -> hotel.on("booking.hotel.reserve", Reply.success()))
                                .participant("flight-service", f -> f.on("booking.flight.reserve", flight)),
                        harness -> harness.startSaga(BOOKING, new Booking("Porto", false, 0)))
                .threads(1);
    }

    @Test
    void on_h2_every_crash_point_and_three_fault_seeds_keep_the_invariants() {
        ExplorationReport completing = exploration(H2, Reply.success()).seeds(3).run();
        ExplorationReport compensating = exploration(H2, Reply.failure("no seats")).seeds(3).run();

        System.out.println("h2 completing: " + completing + "\nh2 compensating: " + compensating);
        completing.assertNoViolations();
        compensating.assertNoViolations();
        assertThat(completing.crashRuns()).isGreaterThanOrEqualTo(4 * 8);
    }

    @Test
    void on_postgresql_every_crash_point_keeps_the_invariants() {
        ExplorationReport completing = exploration(POSTGRES, Reply.success()).seeds(0).run();
        ExplorationReport compensating = exploration(POSTGRES, Reply.failure("no seats")).seeds(0).run();

        System.out.println("postgresql completing: " + completing + "\npostgresql compensating: " + compensating);
        completing.assertNoViolations();
        compensating.assertNoViolations();
        assertThat(completing.crashRuns()).isGreaterThanOrEqualTo(8);
    }
}
