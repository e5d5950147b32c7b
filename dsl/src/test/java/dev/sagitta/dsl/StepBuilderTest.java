package dev.sagitta.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What one step's builder accepts, rejects at once, and defaults to. */
class StepBuilderTest {

    private static StepBuilder<Trip> step(String name) {
        return new StepBuilder<>("trip", name);
    }

    private static StepDefinition<Trip> only(SagaDefinitionBuilder<Trip> builder) {
        return builder.build().steps().get(0);
    }

    // ---- actions

    @Test
    void invokeMakesARemoteStep() {
        StepDefinition<Trip> step = step("reserve-hotel")
                .invoke("hotel-service", "trip.hotel.reserve", Trip::city)
                .compensateWith("hotel-service", "trip.hotel.cancel", Trip::hotel)
                .build();

        assertThat(step.isRemote()).isTrue();
        assertThat(step.action()).isInstanceOfSatisfying(RemoteCall.class, remote -> {
            assertThat(remote.participant()).isEqualTo("hotel-service");
            assertThat(remote.commandType()).isEqualTo("trip.hotel.reserve");
            assertThat(remote.replyMapping()).isNull();
        });
        assertThat(step.action().describe()).isEqualTo("hotel-service:trip.hotel.reserve");
        assertThat(step.compensationAction()).get().extracting(StepAction::describe)
                .isEqualTo("hotel-service:trip.hotel.cancel");
    }

    @Test
    void localMakesALocalStep() {
        StepDefinition<Trip> step = step("confirm").local((t, ctx) -> t).compensateLocally((t, ctx) -> t).build();

        assertThat(step.isRemote()).isFalse();
        assertThat(step.action()).isInstanceOf(LocalCall.class);
        assertThat(step.action().describe()).isEqualTo("local");
        assertThat(step.compensation()).isInstanceOf(LocalCall.class);
    }

    @Test
    void onReplyMapsTheDecodedReplyIntoTheData() {
        StepDefinition<Trip> step = step("reserve-hotel")
                .invoke("hotel-service", "trip.hotel.reserve", Trip::city)
                .onReply(String.class, Trip::withHotel)
                .compensateWith("hotel-service", "trip.hotel.cancel", Trip::hotel)
                .build();

        ReplyMapping<Trip, ?> mapping = ((RemoteCall<Trip>) step.action()).replyMapping();
        assertThat(mapping).isNotNull();
        assertThat(mapping.replyType()).isEqualTo(String.class);
        assertThat(mapping.applyTo(new Trip("Lisbon", null), "H-42")).isEqualTo(new Trip("Lisbon", "H-42"));
    }

    @Test
    void onReplyWithoutInvokeIsRejectedAtOnce() {
        assertThatThrownBy(() -> step("reserve-hotel").onReply(String.class, Trip::withHotel))
                .isInstanceOf(SagaDefinitionException.class)
                .hasMessage("Step 'reserve-hotel' of saga 'trip' onReply(...) needs a remote step:"
                        + " call invoke(participant, commandType, command) first");
    }

    @Test
    void onReplyOnALocalStepIsRejectedAtOnce() {
        StepBuilder<Trip> builder = step("confirm").local((t, ctx) -> t);

        assertThatThrownBy(() -> builder.onReply(String.class, Trip::withHotel))
                .isInstanceOf(SagaDefinitionException.class)
                .hasMessageContaining("onReply(...) needs a remote step");
    }

    @Test
    void onReplyTwiceIsRejectedAtOnce() {
        StepBuilder<Trip> builder = step("reserve-hotel")
                .invoke("hotel-service", "trip.hotel.reserve", Trip::city)
                .onReply(String.class, Trip::withHotel);

        assertThatThrownBy(() -> builder.onReply(String.class, Trip::withHotel))
                .isInstanceOf(SagaDefinitionException.class)
                .hasMessage("Step 'reserve-hotel' of saga 'trip' has onReply(...) twice: keep one");
    }

    @Test
    void aSecondActionIsRejectedAtOnceNamingTheFirst() {
        StepBuilder<Trip> remote = step("reserve-hotel").invoke("hotel-service", "trip.hotel.reserve", Trip::city);
        StepBuilder<Trip> local = step("confirm").local((t, ctx) -> t);

        assertThatThrownBy(() -> remote.local((t, ctx) -> t))
                .isInstanceOf(SagaDefinitionException.class)
                .hasMessage("Step 'reserve-hotel' of saga 'trip' already has an action (hotel-service:trip.hotel.reserve):"
                        + " a step does one thing, split it in two steps");
        assertThatThrownBy(() -> local.invoke("hotel-service", "trip.hotel.reserve", Trip::city))
                .isInstanceOf(SagaDefinitionException.class)
                .hasMessage("Step 'confirm' of saga 'trip' already has an action (local):"
                        + " a step does one thing, split it in two steps");
    }

    @Test
    void aSecondCompensationIsRejectedAtOnce() {
        StepBuilder<Trip> builder = step("reserve-hotel")
                .invoke("hotel-service", "trip.hotel.reserve", Trip::city)
                .compensateWith("hotel-service", "trip.hotel.cancel", Trip::hotel);

        assertThatThrownBy(() -> builder.compensateLocally((t, ctx) -> t))
                .isInstanceOf(SagaDefinitionException.class)
                .hasMessage("Step 'reserve-hotel' of saga 'trip' already has a compensation"
                        + " (hotel-service:trip.hotel.cancel): keep one");
    }

    @Test
    void blankParticipantOrCommandTypeIsRejectedAtOnce() {
        assertThatThrownBy(() -> step("a").invoke(" ", "trip.hotel.reserve", Trip::city))
                .isInstanceOf(SagaDefinitionException.class)
                .hasMessage("participant must not be blank");
        assertThatThrownBy(() -> step("a").invoke("hotel-service", "", Trip::city))
                .isInstanceOf(SagaDefinitionException.class)
                .hasMessage("commandType must not be blank");
        assertThatThrownBy(() -> step("a").compensateWith("", "trip.hotel.cancel", Trip::city))
                .isInstanceOf(SagaDefinitionException.class)
                .hasMessage("participant must not be blank");
    }

    @Test
    void aCommandTypeMustReadModuleEntityAction() {
        assertThatThrownBy(() -> step("a").invoke("hotel-service", "reserve-hotel", Trip::city))
                .isInstanceOf(SagaDefinitionException.class)
                .hasMessage("commandType 'reserve-hotel' must read {module}.{entity}.{action}, for example"
                        + " trip.hotel.reserve: three or more parts separated by '.', each of letters, digits,"
                        + " '-' and '_'");
        assertThatThrownBy(() -> step("a").compensateWith("hotel-service", "hotel.cancel", Trip::city))
                .isInstanceOf(SagaDefinitionException.class)
                .hasMessageStartingWith("commandType 'hotel.cancel' must read");
        assertThatThrownBy(() -> step("a").invoke("hotel-service", "trip..reserve", Trip::city))
                .isInstanceOf(SagaDefinitionException.class)
                .hasMessageStartingWith("commandType 'trip..reserve' must read");
        step("a").invoke("hotel-service", "trip.hotel-room.reserve_v2", Trip::city)
                .compensateWith("hotel-service", "trip.hotel.room.cancel", Trip::city);
    }

    @Test
    void blankNamesAreRejectedAtOnce() {
        assertThatThrownBy(() -> Saga.define(" ", Trip.class))
                .isInstanceOf(SagaDefinitionException.class)
                .hasMessage("saga name must not be blank");
        assertThatThrownBy(() -> Saga.define("trip", Trip.class).step("", s -> s.local((t, ctx) -> t)))
                .isInstanceOf(SagaDefinitionException.class)
                .hasMessage("Saga 'trip' has a step with a blank name: name every step");
        assertThatThrownBy(() -> Saga.define("trip", Trip.class).parallel(" ", p -> { }))
                .isInstanceOf(SagaDefinitionException.class)
                .hasMessage("parallel group name must not be blank");
        assertThatThrownBy(() -> Saga.define("trip", Trip.class).parallel("book", p -> p.step(" ", s -> { })))
                .isInstanceOf(SagaDefinitionException.class)
                .hasMessage("Saga 'trip' has a step with a blank name: name every step");
    }

    @Test
    void aMissingDataTypeIsRejectedAtOnce() {
        assertThatThrownBy(() -> Saga.define("trip", null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("dataType");
    }

    // ---- eager checks of policies

    @Test
    void aZeroTimeoutIsRejectedAtOnce() {
        assertThatThrownBy(() -> step("reserve-hotel").timeout(Duration.ZERO))
                .isInstanceOf(SagaDefinitionException.class)
                .hasMessage("Step 'reserve-hotel' of saga 'trip' timeout must be positive, was PT0S");
    }

    @Test
    void aNegativeTimeoutIsRejectedAtOnce() {
        assertThatThrownBy(() -> step("reserve-hotel").timeout(Duration.ofSeconds(-5)))
                .isInstanceOf(SagaDefinitionException.class)
                .hasMessage("Step 'reserve-hotel' of saga 'trip' timeout must be positive, was PT-5S");
    }

    @Test
    void aLocalStepKeepsItsTimeLimitAndHasNoneByDefault() {
        StepDefinition<Trip> limited = step("price").local((t, ctx) -> t).timeLimit(Duration.ofSeconds(5)).build();
        StepDefinition<Trip> unlimited = step("price").local((t, ctx) -> t).build();

        assertThat(limited.timeLimit()).isEqualTo(Duration.ofSeconds(5));
        assertThat(unlimited.timeLimit()).isNull();
    }

    @Test
    void aNonPositiveTimeLimitIsRejectedAtOnce() {
        assertThatThrownBy(() -> step("price").timeLimit(Duration.ZERO))
                .isInstanceOf(SagaDefinitionException.class)
                .hasMessage("Step 'price' of saga 'trip' timeLimit must be positive, was PT0S");
    }

    @Test
    void aTimeLimitOnAStepWithNoLocalFunctionSaysToUseTheTimeout() {
        assertThatThrownBy(() -> step("reserve-hotel").invoke("hotel-service", "trip.hotel.reserve", Trip::city)
                .timeLimit(Duration.ofSeconds(5)).build())
                .isInstanceOf(SagaDefinitionException.class)
                .hasMessage("Step 'reserve-hotel' of saga 'trip' has timeLimit(PT5S) but runs no local function:"
                        + " a remote step is limited by timeout(...), its reply timeout");
    }

    @Test
    void aTimeLimitNotShorterThanTheLeaseAsksForALongerTimeout() {
        assertThatThrownBy(() -> step("price").local((t, ctx) -> t).timeLimit(Duration.ofSeconds(30)).build())
                .isInstanceOf(SagaDefinitionException.class)
                .hasMessage("Step 'price' of saga 'trip' has timeLimit(PT30S) not shorter than its timeout(PT30S),"
                        + " the lease after which another node runs the attempt again: give it a longer timeout(...)");
        assertThat(step("price").local((t, ctx) -> t).timeLimit(Duration.ofSeconds(30)).timeout(Duration.ofMinutes(1))
                .build().timeLimit()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void nullPoliciesAreRejectedAtOnceNamingTheArgument() {
        assertThatThrownBy(() -> step("a").timeout(null)).isInstanceOf(NullPointerException.class).hasMessage("timeout");
        assertThatThrownBy(() -> step("a").retry(null)).isInstanceOf(NullPointerException.class).hasMessage("retry");
        assertThatThrownBy(() -> step("a").compensationRetry(null))
                .isInstanceOf(NullPointerException.class).hasMessage("compensationRetry");
    }

    @Test
    void versionZeroIsRejectedAtOnce() {
        assertThatThrownBy(() -> Saga.define("trip", Trip.class).version(0))
                .isInstanceOf(SagaDefinitionException.class)
                .hasMessage("Saga 'trip': version must be 1 or more, was 0");
        assertThatThrownBy(() -> Saga.define("trip", Trip.class).version(-1))
                .isInstanceOf(SagaDefinitionException.class)
                .hasMessage("Saga 'trip': version must be 1 or more, was -1");
    }

    @Test
    void aZeroOrNegativeDeadlineIsRejectedAtOnce() {
        assertThatThrownBy(() -> Saga.define("trip", Trip.class).deadline(Duration.ZERO))
                .isInstanceOf(SagaDefinitionException.class)
                .hasMessage("Saga 'trip': deadline must be positive, was PT0S");
        assertThatThrownBy(() -> Saga.define("trip", Trip.class).deadline(Duration.ofMinutes(-1)))
                .isInstanceOf(SagaDefinitionException.class)
                .hasMessage("Saga 'trip': deadline must be positive, was PT-1M");
        assertThatThrownBy(() -> Saga.define("trip", Trip.class).deadline(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("deadline");
    }

    // ---- defaults

    @Test
    void aCompensatableStepDefaultsToOneAttemptThirtySecondsAndTenCompensationAttempts() {
        StepDefinition<Trip> step = only(Saga.define("trip", Trip.class)
                .step("reserve-hotel", s -> s.local((t, ctx) -> t).compensateLocally((t, ctx) -> t)));

        assertThat(step.role()).isEqualTo(StepRole.COMPENSATABLE);
        assertThat(step.isCompensatable()).isTrue();
        assertThat(step.timeout()).isEqualTo(StepDefinition.DEFAULT_TIMEOUT).isEqualTo(Duration.ofSeconds(30));
        assertThat(step.retry()).isEqualTo(StepDefinition.DEFAULT_RETRY).isEqualTo(RetryPolicy.none());
        assertThat(step.compensationRetry()).isEqualTo(StepDefinition.DEFAULT_COMPENSATION_RETRY);
        assertThat(StepDefinition.DEFAULT_COMPENSATION_RETRY.maxAttempts()).isEqualTo(10);
    }

    @Test
    void aPivotDefaultsToOneAttempt() {
        StepDefinition<Trip> step = only(Saga.define("trip", Trip.class).step("charge", s -> s.local((t, ctx) -> t)
                .pivot()));

        assertThat(step.role()).isEqualTo(StepRole.PIVOT);
        assertThat(step.isCompensatable()).isFalse();
        assertThat(step.compensationAction()).isEmpty();
        assertThat(step.retry()).isEqualTo(RetryPolicy.none());
    }

    @Test
    void aStepRetriesOnTheDefaultCodesAndOnWhatItAdds() {
        StepDefinition<Trip> step = step("reserve").local((t, ctx) -> t).retryOn("inventory-locked")
                .doNotRetryOn(ErrorCodes.TIMEOUT).build();

        assertThat(step.retryableErrors()).containsExactlyInAnyOrder("unavailable", "rate-limited", "deadlock",
                "unexpected", "inventory-locked");
        assertThat(step.retriesOn("inventory-locked")).isTrue();
        assertThat(step.retriesOn(ErrorCodes.TIMEOUT)).isFalse();
        assertThat(step.retriesOn(ErrorCodes.VALIDATION)).isFalse();
        assertThat(step.retriesOn(null)).as("a business refusal").isFalse();
    }

    @Test
    void aRetriableStepRetriesOnEveryFailure() {
        StepDefinition<Trip> step = step("notify").local((t, ctx) -> t).retriable().doNotRetryOn(ErrorCodes.TIMEOUT)
                .build();

        assertThat(step.retriesOn(ErrorCodes.VALIDATION)).isTrue();
        assertThat(step.retriesOn(null)).isTrue();
    }

    @Test
    void aBadErrorCodeIsRejectedWhereItIsGiven() {
        assertThatThrownBy(() -> step("reserve").retryOn("Locked!"))
                .isInstanceOf(SagaDefinitionException.class)
                .hasMessageStartingWith("Step 'reserve' of saga 'trip' has a bad error code: error code must be");
        assertThatThrownBy(() -> step("reserve").doNotRetryOn())
                .isInstanceOf(SagaDefinitionException.class)
                .hasMessage("Step 'reserve' of saga 'trip' was given no error code: name at least one, for example"
                        + " ErrorCodes.RATE_LIMITED");
    }

    @Test
    void aRetriableStepDefaultsToRetryingForever() {
        StepDefinition<Trip> step = only(Saga.define("trip", Trip.class).step("notify", s -> s.local((t, ctx) -> t)
                .retriable()));

        assertThat(step.role()).isEqualTo(StepRole.RETRIABLE);
        assertThat(step.retry()).isEqualTo(StepDefinition.DEFAULT_RETRIABLE_RETRY);
        assertThat(step.retry().maxAttempts()).isEqualTo(RetryPolicy.UNLIMITED);
        assertThat(step.retry().initialDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(step.retry().maxDelay()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void theRetriableDefaultDoesNotDependOnTheOrderOfTheCalls() {
        StepDefinition<Trip> roleFirst = step("notify").retriable().local((t, ctx) -> t).build();
        StepDefinition<Trip> roleLast = step("notify").local((t, ctx) -> t).retriable().build();

        assertThat(roleFirst.retry()).isEqualTo(StepDefinition.DEFAULT_RETRIABLE_RETRY);
        assertThat(roleLast.retry()).isEqualTo(StepDefinition.DEFAULT_RETRIABLE_RETRY);
    }

    @Test
    void anExplicitRetryOverridesTheRetriableDefault() {
        RetryPolicy three = RetryPolicy.fixed(3, Duration.ofSeconds(2));

        StepDefinition<Trip> step = step("notify").local((t, ctx) -> t).retriable().retry(three).build();

        assertThat(step.retry()).isEqualTo(three);
    }

    @Test
    void explicitPoliciesAreKept() {
        RetryPolicy retry = RetryPolicy.fixed(3, Duration.ofSeconds(1));
        RetryPolicy compensationRetry = RetryPolicy.fixed(5, Duration.ofSeconds(2));

        StepDefinition<Trip> step = step("reserve-hotel")
                .invoke("hotel-service", "trip.hotel.reserve", Trip::city)
                .compensateWith("hotel-service", "trip.hotel.cancel", Trip::hotel)
                .timeout(Duration.ofSeconds(5))
                .retry(retry)
                .compensationRetry(compensationRetry)
                .build();

        assertThat(step.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(step.retry()).isEqualTo(retry);
        assertThat(step.compensationRetry()).isEqualTo(compensationRetry);
    }

    @Test
    void theLastRoleCallWins() {
        assertThat(step("x").local((t, ctx) -> t).pivot().retriable().build().role()).isEqualTo(StepRole.RETRIABLE);
        assertThat(step("x").local((t, ctx) -> t).retriable().pivot().build().role()).isEqualTo(StepRole.PIVOT);
    }

    @Test
    void theIdempotencyKeyNamesTheStepAndWhetherItCompensatesButNotTheAttempt() {
        StepContext firstTry = context("saga-1", "reserve-hotel", 1, false);
        StepContext secondTry = context("saga-1", "reserve-hotel", 2, false);
        StepContext undo = context("saga-1", "reserve-hotel", 1, true);

        assertThat(secondTry.idempotencyKey()).isEqualTo("saga-1:reserve-hotel").isEqualTo(firstTry.idempotencyKey());
        assertThat(undo.idempotencyKey()).isEqualTo("saga-1:reserve-hotel:compensation");
    }

    private static StepContext context(String sagaId, String step, int attempt, boolean compensating) {
        return new StepContext() {
            @Override
            public String sagaId() {
                return sagaId;
            }

            @Override
            public String stepName() {
                return step;
            }

            @Override
            public int attempt() {
                return attempt;
            }

            @Override
            public boolean compensating() {
                return compensating;
            }
        };
    }
}
