package dev.sagitta.examples.trip;

import static dev.sagitta.examples.trip.TripSaga.CAR;
import static dev.sagitta.examples.trip.TripSaga.FLIGHT;
import static dev.sagitta.examples.trip.TripSaga.HOTEL;
import static dev.sagitta.examples.trip.TripSaga.MAIL;
import static dev.sagitta.examples.trip.TripWorld.CARD_LIMIT;
import static dev.sagitta.examples.trip.TripWorld.CAR_BOOKING;
import static dev.sagitta.examples.trip.TripWorld.FLIGHT_BOOKING;
import static dev.sagitta.examples.trip.TripWorld.HOTEL_BOOKING;
import static dev.sagitta.examples.trip.TripWorld.LISBON;
import static dev.sagitta.examples.trip.TripWorld.STEP_TIMEOUT;
import static dev.sagitta.examples.trip.TripWorld.TOKYO;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sagitta.dsl.SagaDefinition;
import dev.sagitta.engine.SagaHandle;
import dev.sagitta.engine.SagaStatus;
import dev.sagitta.engine.StepStatus;
import dev.sagitta.engine.spi.CommandMessage;
import dev.sagitta.examples.trip.InMemoryPayments.Movement;
import dev.sagitta.examples.trip.Messages.Release;
import dev.sagitta.examples.trip.Messages.Reserve;
import dev.sagitta.examples.trip.Messages.Reserved;
import dev.sagitta.examples.trip.Messages.SendItinerary;
import dev.sagitta.testing.Delivery;
import dev.sagitta.testing.Reply;
import dev.sagitta.testing.SagaHarnessExtension;
import dev.sagitta.testing.SagaTestHarness;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The trip saga in virtual time, one world per scenario: which services answer, and how. The
 * harness extension builds one world for a class, so each scenario is a nested class with its own.
 * Each test gets a fresh card and a fresh definition that charges it.
 */
class TripSagaTest {

    private static final String[] ALL_STEPS = {
            "reserve-hotel", "reserve-flight", "reserve-car", "charge-payment", "confirm", "send-itinerary"};

    private final InMemoryPayments payments = InMemoryPayments.withCardLimit(CARD_LIMIT);
    private final SagaDefinition<Trip> trip = TripSaga.definition(STEP_TIMEOUT, payments);

    @Nested
    class EveryServiceHasRoom {

        @RegisterExtension
        final SagaHarnessExtension sagas = SagaHarnessExtension.with(() -> TripWorld.everyServiceAnswers(trip));

        @Test
        void the_whole_trip_is_booked_charged_once_and_its_itinerary_sent(SagaTestHarness harness) {
            SagaHandle booking = harness.startSaga(trip, LISBON);

            harness.assertThatSaga(booking.id())
                    .isCompleted()
                    .ranSteps(ALL_STEPS)
                    .compensatedNothing()
                    .hasData(Trip.class, new Trip("ada", "Lisbon", 3, 1_200_00,
                            HOTEL_BOOKING, FLIGHT_BOOKING, CAR_BOOKING, true, true));
            harness.assertThatCommandsTo(HOTEL).hasTypes("trip.hotel.reserve")
                    .singleElement().satisfies(reserve ->
                            assertThat(body(harness, reserve, Reserve.class)).isEqualTo(new Reserve("ada", "Lisbon", 3)));
            harness.assertThatCommandsTo(FLIGHT).hasTypes("trip.flight.reserve");
            harness.assertThatCommandsTo(CAR).hasTypes("trip.car.reserve");
            harness.assertThatCommandsTo(MAIL).hasTypes("trip.itinerary.send")
                    .singleElement().satisfies(itinerary -> assertThat(body(harness, itinerary, SendItinerary.class))
                            .isEqualTo(new SendItinerary("ada", "Lisbon", HOTEL_BOOKING, FLIGHT_BOOKING, CAR_BOOKING)));
            assertThat(payments.movements()).containsExactly(new Movement(booking.id(), 1_200_00));
        }
    }

    @Nested
    class TheFlightIsFull {

        @RegisterExtension
        final SagaHarnessExtension sagas = SagaHarnessExtension.with(() -> TripWorld.where(trip,
                FLIGHT, flight -> flight.on("trip.flight.reserve", Reply.failure("no seats left"))));

        @Test
        void the_hotel_is_released_and_nothing_is_charged(SagaTestHarness harness) {
            SagaHandle booking = harness.startSaga(trip, LISBON);

            harness.assertThatSaga(booking.id())
                    .isCompensated()
                    .ranSteps("reserve-hotel")
                    .hasStep("reserve-flight", StepStatus.FAILED)
                    .compensatedSteps("reserve-hotel")
                    .hasStep("reserve-car", StepStatus.PENDING)
                    .hasStep("charge-payment", StepStatus.PENDING);
            harness.assertThatCommandsTo(HOTEL).hasTypes("trip.hotel.reserve", "trip.hotel.release")
                    .last().satisfies(release ->
                            assertThat(body(harness, release, Release.class)).isEqualTo(new Release(HOTEL_BOOKING)));
            harness.assertThatCommandsTo(FLIGHT).hasTypes("trip.flight.reserve");
            harness.assertThatCommandsTo(CAR).isEmpty();
            harness.assertThatCommandsTo(MAIL).isEmpty();
            assertThat(payments.movements()).isEmpty();
            assertThat(harness.view(booking.id()).reason()).contains("no seats left");
        }
    }

    @Nested
    class TheTripCostsMoreThanTheCardAllows {

        @RegisterExtension
        final SagaHarnessExtension sagas = SagaHarnessExtension.with(() -> TripWorld.everyServiceAnswers(trip));

        @Test
        void the_declined_card_releases_car_flight_and_hotel_in_reverse_order(SagaTestHarness harness) {
            SagaHandle booking = harness.startSaga(trip, TOKYO);

            harness.assertThatSaga(booking.id())
                    .isCompensated()
                    .ranSteps("reserve-hotel", "reserve-flight", "reserve-car")
                    .hasStep("charge-payment", StepStatus.FAILED)
                    .compensatedSteps("reserve-car", "reserve-flight", "reserve-hotel")
                    .hasStep("confirm", StepStatus.PENDING);
            assertThat(harness.transport().sent()).filteredOn(CommandMessage::compensation)
                    .extracting(CommandMessage::participant)
                    .containsExactly(CAR, FLIGHT, HOTEL);
            harness.assertThatCommandsTo(CAR).hasTypes("trip.car.reserve", "trip.car.release");
            harness.assertThatCommandsTo(FLIGHT).hasTypes("trip.flight.reserve", "trip.flight.release");
            harness.assertThatCommandsTo(HOTEL).hasTypes("trip.hotel.reserve", "trip.hotel.release");
            harness.assertThatCommandsTo(MAIL).isEmpty();
            assertThat(payments.declined()).as("a declined card is not tried again").containsExactly(booking.id());
            assertThat(payments.movements()).isEmpty();
            assertThat(harness.view(booking.id()).reason()).contains("card declined");
        }
    }

    @Nested
    class ThePaymentGatewayLosesItsAnswer {

        @RegisterExtension
        final SagaHarnessExtension sagas = SagaHarnessExtension.with(() -> TripWorld.everyServiceAnswers(trip));

        @Test
        void the_charge_that_may_have_gone_through_is_refunded_and_every_booking_released(SagaTestHarness harness) {
            payments.loseEachAnswerAfterCharging();

            SagaHandle booking = harness.startSaga(trip, LISBON);

            harness.assertThatSaga(booking.id())
                    .isCompensated()
                    .ranSteps("reserve-hotel", "reserve-flight", "reserve-car")
                    .compensatedSteps("charge-payment", "reserve-car", "reserve-flight", "reserve-hotel")
                    .hasDataSatisfying(Trip.class, t -> assertThat(t.charged()).isFalse());
            assertThat(payments.movements()).containsExactly(
                    new Movement(booking.id(), 1_200_00), new Movement(booking.id(), -1_200_00));
            assertThat(harness.transport().sent()).filteredOn(CommandMessage::compensation)
                    .extracting(CommandMessage::participant)
                    .containsExactly(CAR, FLIGHT, HOTEL);
            harness.assertThatCommandsTo(MAIL).isEmpty();
        }
    }

    @Nested
    class TheHotelNeverAnswers {

        @RegisterExtension
        final SagaHarnessExtension sagas = SagaHarnessExtension.with(() -> TripWorld.where(trip,
                HOTEL, hotel -> hotel.on("trip.hotel.reserve", Reply.never())));

        @Test
        void the_reservation_times_out_is_tried_once_more_then_released_in_case_it_was_made(SagaTestHarness harness) {
            SagaHandle booking = harness.startSaga(trip, LISBON);
            harness.assertThatSaga(booking.id()).isWaiting().hasStep("reserve-hotel", StepStatus.RUNNING);

            harness.advance(STEP_TIMEOUT);
            harness.assertThatSaga(booking.id()).hasStep("reserve-hotel", StepStatus.WAITING_RETRY);

            harness.advance(Duration.ofMillis(500));
            harness.assertThatSaga(booking.id()).hasStep("reserve-hotel", StepStatus.RUNNING);
            harness.assertThatCommandsTo(HOTEL).hasTypes("trip.hotel.reserve", "trip.hotel.reserve")
                    .extracting(CommandMessage::attempt).containsExactly(1, 2);

            harness.advance(STEP_TIMEOUT);
            harness.assertThatSaga(booking.id())
                    .isCompensated()
                    .ranSteps()
                    .compensatedSteps("reserve-hotel");
            harness.assertThatCommandsTo(HOTEL).hasTypes("trip.hotel.reserve", "trip.hotel.reserve", "trip.hotel.release")
                    .last().satisfies(release ->
                            assertThat(body(harness, release, Release.class)).isEqualTo(new Release(null)));
            harness.assertThatCommandsTo(FLIGHT).isEmpty();
            assertThat(payments.movements()).isEmpty();
        }
    }

    @Nested
    class TheHotelReleaseFailsTwice {

        @RegisterExtension
        final SagaHarnessExtension sagas = SagaHarnessExtension.with(() -> TripWorld.where(trip, Map.of(
                HOTEL, hotel -> hotel
                        .on("trip.hotel.reserve", Reply.success(new Reserved(HOTEL_BOOKING)))
                        .on("trip.hotel.release", Reply.failure("hotel system down").times(2), Reply.success()),
                FLIGHT, flight -> flight.on("trip.flight.reserve", Reply.failure("no seats left")))));

        @Test
        void the_release_is_tried_again_until_the_hotel_takes_it(SagaTestHarness harness) {
            SagaHandle booking = harness.startSaga(trip, LISBON);
            harness.assertThatSaga(booking.id())
                    .hasStatus(SagaStatus.COMPENSATING)
                    .hasStep("reserve-hotel", StepStatus.COMPENSATION_WAITING_RETRY);

            harness.advance(Duration.ofSeconds(1));

            harness.assertThatSaga(booking.id()).isCompensated().compensatedSteps("reserve-hotel");
            harness.assertThatCommandsTo(HOTEL).hasCompensationTypes(
                    "trip.hotel.release", "trip.hotel.release", "trip.hotel.release");
            assertThat(harness.participant(HOTEL).deliveries()).extracting(Delivery::handling).containsExactly(
                    Delivery.Handling.APPLIED, Delivery.Handling.REFUSED, Delivery.Handling.REFUSED,
                    Delivery.Handling.APPLIED);
            assertThat(harness.participant(HOTEL).timesApplied(booking.id(), "reserve-hotel", true)).isEqualTo(1);
        }
    }

    @Nested
    class TheMailServiceIsDownForAWhile {

        @RegisterExtension
        final SagaHarnessExtension sagas = SagaHarnessExtension.with(() -> TripWorld.where(trip,
                MAIL, mail -> mail.on("trip.itinerary.send", Reply.never().times(3), Reply.success())));

        @Test
        void the_confirmed_trip_keeps_its_bookings_and_the_itinerary_is_sent_once_the_mail_is_back(
                SagaTestHarness harness) {
            SagaHandle booking = harness.startSaga(trip, LISBON);

            // Attempts at 0 s, 5.5 s and 11.5 s go unanswered: the trip is past its pivot and stays booked.
            harness.advance(Duration.ofSeconds(15));
            harness.assertThatSaga(booking.id())
                    .hasStatus(SagaStatus.RUNNING)
                    .ranSteps("reserve-hotel", "reserve-flight", "reserve-car", "charge-payment", "confirm")
                    .compensatedNothing()
                    .hasDataSatisfying(Trip.class, t -> assertThat(t.confirmed()).isTrue());
            harness.assertThatCommandsTo(MAIL).hasSize(3);

            // The fourth attempt, at 18.5 s, is answered.
            harness.advance(Duration.ofSeconds(15));
            harness.assertThatSaga(booking.id()).isCompleted().ranSteps(ALL_STEPS).compensatedNothing();
            harness.assertThatCommandsTo(MAIL).extracting(CommandMessage::attempt).containsExactly(1, 2, 3, 4);
            assertThat(harness.participant(MAIL).timesApplied(booking.id(), "send-itinerary", false)).isEqualTo(1);
            assertThat(payments.movements()).containsExactly(new Movement(booking.id(), 1_200_00));
        }
    }

    @Nested
    class ReservationRepliesComeInTriplicate {

        @RegisterExtension
        final SagaHarnessExtension sagas = SagaHarnessExtension.with(() -> TripWorld.where(trip, Map.of(
                HOTEL, hotel -> hotel.on("trip.hotel.reserve", Reply.success(new Reserved(HOTEL_BOOKING)).duplicated(3)),
                FLIGHT, flight -> flight.on("trip.flight.reserve", Reply.success(new Reserved(FLIGHT_BOOKING)).duplicated(3)),
                CAR, car -> car.on("trip.car.reserve", Reply.success(new Reserved(CAR_BOOKING)).duplicated(3)))));

        @Test
        void each_reservation_is_applied_once_and_the_trip_charged_once(SagaTestHarness harness) {
            SagaHandle booking = harness.startSaga(trip, LISBON);

            assertThat(harness.transport().deliveredReplies()).filteredOn(reply -> reply.step().startsWith("reserve-"))
                    .hasSize(9);
            harness.assertThatSaga(booking.id())
                    .isCompleted()
                    .ranSteps(ALL_STEPS)
                    .hasData(Trip.class, new Trip("ada", "Lisbon", 3, 1_200_00,
                            HOTEL_BOOKING, FLIGHT_BOOKING, CAR_BOOKING, true, true));
            assertThat(payments.movements()).containsExactly(new Movement(booking.id(), 1_200_00));
            assertThat(harness.participant(MAIL).timesApplied(booking.id(), "send-itinerary", false)).isEqualTo(1);
        }
    }

    @Nested
    class TheEngineCrashesWhileTheHotelIsBooking {

        @RegisterExtension
        final SagaHarnessExtension sagas = SagaHarnessExtension.with(() -> TripWorld.where(trip,
                HOTEL, hotel -> hotel.on("trip.hotel.reserve",
                        Reply.success(new Reserved(HOTEL_BOOKING)).after(Duration.ofSeconds(2)))));

        @Test
        void the_restarted_engine_takes_the_hotels_reply_and_books_the_trip_once(SagaTestHarness harness) {
            SagaHandle booking = harness.startSaga(trip, LISBON);
            harness.assertThatSaga(booking.id()).hasStep("reserve-hotel", StepStatus.RUNNING);

            harness.crashAndRestart();
            harness.advance(Duration.ofSeconds(2));

            assertThat(harness.restarts()).isEqualTo(1);
            harness.assertThatSaga(booking.id())
                    .isCompleted()
                    .ranSteps(ALL_STEPS)
                    .hasDataSatisfying(Trip.class, t -> assertThat(t.hotel()).isEqualTo(HOTEL_BOOKING));
            assertThat(harness.participant(HOTEL).timesApplied(booking.id(), "reserve-hotel", false)).isEqualTo(1);
            assertThat(harness.participant(FLIGHT).timesApplied(booking.id(), "reserve-flight", false)).isEqualTo(1);
            assertThat(harness.participant(CAR).timesApplied(booking.id(), "reserve-car", false)).isEqualTo(1);
            assertThat(harness.participant(MAIL).timesApplied(booking.id(), "send-itinerary", false)).isEqualTo(1);
            assertThat(payments.movements()).containsExactly(new Movement(booking.id(), 1_200_00));
        }
    }

    private static <T> T body(SagaTestHarness harness, CommandMessage command, Class<T> type) {
        return harness.codec().decode(command.payload(), type);
    }
}
