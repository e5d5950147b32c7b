package dev.sagitta.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The whole-definition rules that {@link SagaDefinitionBuilder#build()} checks, and the exact message of each. */
class DefinitionValidationTest {

    private static SagaDefinitionBuilder<Trip> trip() {
        return Saga.define("trip", Trip.class);
    }

    private static StepBuilder<Trip> reserveHotel(StepBuilder<Trip> s) {
        return s.invoke("hotel-service", "trip.hotel.reserve", t -> t.city())
                .compensateWith("hotel-service", "trip.hotel.cancel", t -> t.hotel());
    }

    private static StepBuilder<Trip> undoableLocal(StepBuilder<Trip> s) {
        return s.local((t, ctx) -> t).compensateLocally((t, ctx) -> t);
    }

    @Test
    void aSagaWithoutStepsIsRejected() {
        assertThatThrownBy(() -> trip().build())
                .isInstanceOf(SagaDefinitionException.class)
                .hasMessage("Saga 'trip' has no steps: add at least one with step(name, s -> ...)");
    }

    @Test
    void anEmptyParallelGroupIsRejected() {
        assertThatThrownBy(() -> trip().step("a", DefinitionValidationTest::undoableLocal).parallel("book", p -> { })
                .build())
                .isInstanceOf(SagaDefinitionException.class)
                .hasMessage("Parallel group 'book' of saga 'trip' has no steps: add them with step(name, s -> ...)"
                        + " or remove the group");
    }

    @Test
    void twoStepsWithTheSameNameAreRejected() {
        assertThatThrownBy(() -> trip()
                .step("reserve-hotel", DefinitionValidationTest::reserveHotel)
                .step("reserve-hotel", DefinitionValidationTest::undoableLocal)
                .build())
                .isInstanceOf(SagaDefinitionException.class)
                .hasMessage("Step 'reserve-hotel' of saga 'trip' is defined twice: give each step a unique name");
    }

    @Test
    void aStepInAParallelGroupMayNotShareItsNameWithAStepOutsideIt() {
        assertThatThrownBy(() -> trip()
                .step("reserve-hotel", DefinitionValidationTest::reserveHotel)
                .parallel("book", p -> p
                        .step("reserve-car", DefinitionValidationTest::undoableLocal)
                        .step("reserve-hotel", DefinitionValidationTest::undoableLocal))
                .build())
                .isInstanceOf(SagaDefinitionException.class)
                .hasMessage("Step 'reserve-hotel' of saga 'trip' is defined twice: give each step a unique name");
    }

    @Test
    void twoStepsOfOneParallelGroupMayNotShareAName() {
        assertThatThrownBy(() -> trip()
                .parallel("book", p -> p
                        .step("reserve-car", DefinitionValidationTest::undoableLocal)
                        .step("reserve-car", DefinitionValidationTest::undoableLocal))
                .build())
                .isInstanceOf(SagaDefinitionException.class)
                .hasMessage("Step 'reserve-car' of saga 'trip' is defined twice: give each step a unique name");
    }

    @Test
    void aCompensatableStepWithoutACompensationIsRejected() {
        assertThatThrownBy(() -> trip()
                .step("reserve-hotel", s -> s.invoke("hotel-service", "trip.hotel.reserve", Trip::city))
                .build())
                .isInstanceOf(SagaDefinitionException.class)
                .hasMessage("Step 'reserve-hotel' of saga 'trip' is compensatable but has no compensation:"
                        + " add compensateWith(participant, commandType, command) or compensateLocally(function),"
                        + " or mark it pivot() or retriable()");
    }

    @Test
    void aCompensatableStepAfterThePivotIsRejected() {
        assertThatThrownBy(() -> trip()
                .step("reserve-hotel", DefinitionValidationTest::reserveHotel)
                .step("charge", s -> s.local((t, ctx) -> t).pivot())
                .step("reserve-car", DefinitionValidationTest::undoableLocal)
                .build())
                .isInstanceOf(SagaDefinitionException.class)
                .hasMessage("Step 'reserve-car' of saga 'trip' is compensatable but comes after 'charge', which cannot"
                        + " be undone: steps after the pivot must be retriable; mark it retriable() or move it before"
                        + " 'charge'");
    }

    @Test
    void aSecondPivotAfterThePivotIsRejected() {
        assertThatThrownBy(() -> trip()
                .step("charge", s -> s.local((t, ctx) -> t).pivot())
                .step("ship", s -> s.local((t, ctx) -> t).pivot())
                .build())
                .isInstanceOf(SagaDefinitionException.class)
                .hasMessage("Step 'ship' of saga 'trip' is pivot but comes after 'charge', which cannot be undone:"
                        + " steps after the pivot must be retriable; mark it retriable() or move it before 'charge'");
    }

    @Test
    void aCompensatableStepAfterARetriableStepIsRejected() {
        // A retriable step cannot be undone either, so it is a point of no return even without a pivot.
        assertThatThrownBy(() -> trip()
                .step("notify", s -> s.local((t, ctx) -> t).retriable())
                .step("reserve-car", DefinitionValidationTest::undoableLocal)
                .build())
                .isInstanceOf(SagaDefinitionException.class)
                .hasMessageStartingWith("Step 'reserve-car' of saga 'trip' is compensatable but comes after 'notify'");
    }

    @Test
    void aParallelGroupAfterThePivotIsRejected() {
        assertThatThrownBy(() -> trip()
                .step("charge", s -> s.local((t, ctx) -> t).pivot())
                .parallel("book", p -> p.step("reserve-car", DefinitionValidationTest::undoableLocal))
                .build())
                .isInstanceOf(SagaDefinitionException.class)
                .hasMessageStartingWith("Step 'reserve-car' of saga 'trip' is compensatable but comes after 'charge'");
    }

    @Test
    void aPivotInsideAParallelGroupIsRejected() {
        assertThatThrownBy(() -> trip()
                .parallel("book", p -> p
                        .step("reserve-car", DefinitionValidationTest::undoableLocal)
                        .step("charge", s -> s.local((t, ctx) -> t).pivot()))
                .build())
                .isInstanceOf(SagaDefinitionException.class)
                .hasMessage("Step 'charge' of saga 'trip' is pivot inside parallel group 'book': a parallel group"
                        + " holds compensatable steps only; move it out of the group");
    }

    @Test
    void aRetriableStepInsideAParallelGroupIsRejected() {
        assertThatThrownBy(() -> trip()
                .step("charge", s -> s.local((t, ctx) -> t).pivot())
                .parallel("notify", p -> p
                        .step("email", s -> s.local((t, ctx) -> t).retriable())
                        .step("sms", s -> s.local((t, ctx) -> t).retriable()))
                .build())
                .isInstanceOf(SagaDefinitionException.class)
                .hasMessage("Step 'email' of saga 'trip' is retriable inside parallel group 'notify': a parallel group"
                        + " holds compensatable steps only; move it out of the group");
    }

    @Test
    void aPivotWithACompensationIsRejected() {
        assertThatThrownBy(() -> trip()
                .step("charge", s -> s.local((t, ctx) -> t).compensateLocally((t, ctx) -> t).pivot())
                .build())
                .isInstanceOf(SagaDefinitionException.class)
                .hasMessage("Step 'charge' of saga 'trip' is pivot and so is never compensated, but has a compensation:"
                        + " remove the compensation or drop pivot()");
    }

    @Test
    void aRetriableStepWithACompensationIsRejected() {
        assertThatThrownBy(() -> trip()
                .step("notify", s -> s.local((t, ctx) -> t).compensateWith("mail", "trip.mail.recall", Trip::city)
                        .retriable())
                .build())
                .isInstanceOf(SagaDefinitionException.class)
                .hasMessage("Step 'notify' of saga 'trip' is retriable and so is never compensated, but has a"
                        + " compensation: remove the compensation or drop retriable()");
    }

    @Test
    void aStepWithoutAnActionIsRejectedWhenTheSagaIsBuilt() {
        SagaDefinitionBuilder<Trip> builder = trip().step("reserve-hotel",
                s -> s.compensateWith("hotel-service", "trip.hotel.cancel", Trip::hotel));

        assertThatThrownBy(builder::build)
                .isInstanceOf(SagaDefinitionException.class)
                .hasMessage("Step 'reserve-hotel' of saga 'trip' does nothing: give it invoke(participant, commandType,"
                        + " command) or local(function)");
    }

    @Test
    void aStepWithoutAnActionInsideAParallelGroupIsRejected() {
        assertThatThrownBy(() -> trip().parallel("book", p -> p.step("reserve-car", s -> { })).build())
                .isInstanceOf(SagaDefinitionException.class)
                .hasMessageStartingWith("Step 'reserve-car' of saga 'trip' does nothing");
    }

    @Test
    void aValidTripWithPivotAndRetriableStepsBuilds() {
        SagaDefinition<Trip> definition = trip()
                .step("reserve-hotel", DefinitionValidationTest::reserveHotel)
                .parallel("book", p -> p
                        .step("reserve-car", DefinitionValidationTest::undoableLocal)
                        .step("reserve-flight", DefinitionValidationTest::undoableLocal))
                .step("charge", s -> s.invoke("payment", "trip.payment.charge", Trip::city).pivot())
                .step("notify", s -> s.local((t, ctx) -> t).retriable())
                .step("archive", s -> s.local((t, ctx) -> t).retriable())
                .build();

        assertThat(definition.steps()).extracting(StepDefinition::name)
                .containsExactly("reserve-hotel", "reserve-car", "reserve-flight", "charge", "notify", "archive");
    }

    @Test
    void aSagaMayEndWithThePivot() {
        SagaDefinition<Trip> definition = trip()
                .step("reserve-hotel", DefinitionValidationTest::reserveHotel)
                .step("charge", s -> s.local((t, ctx) -> t).pivot())
                .build();

        assertThat(definition.step("charge").role()).isEqualTo(StepRole.PIVOT);
    }

    @Test
    void twoParallelGroupsWithOneNameAreRejected() {
        assertThatThrownBy(() -> Saga.define("trip", Trip.class)
                .parallel("book", p -> p.step("hotel", s -> s.local((t, ctx) -> t).compensateLocally((t, ctx) -> t)))
                .parallel("book", p -> p.step("car", s -> s.local((t, ctx) -> t).compensateLocally((t, ctx) -> t)))
                .build())
                .isInstanceOf(SagaDefinitionException.class)
                .hasMessage("Parallel group 'book' of saga 'trip' has the name of another group or step:"
                        + " give each group a unique name");
    }

    @Test
    void aStepNamedLikeAParallelGroupIsRejected() {
        assertThatThrownBy(() -> Saga.define("trip", Trip.class)
                .parallel("book", p -> p.step("hotel", s -> s.local((t, ctx) -> t).compensateLocally((t, ctx) -> t)))
                .step("book", s -> s.local((t, ctx) -> t).pivot())
                .build())
                .isInstanceOf(SagaDefinitionException.class)
                .hasMessage("Step 'book' of saga 'trip' has the name of a parallel group:"
                        + " give steps and groups different names");
    }
}
