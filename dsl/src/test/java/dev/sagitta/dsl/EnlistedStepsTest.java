package dev.sagitta.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EnlistedStepsTest {

    record Data(String value) {
    }

    private final SagaDefinition<Data> open = Saga.define("open-booking", Data.class)
            .enlistedSteps(steps -> steps.completion((data, ctx) -> data).compensation((data, ctx) -> data)
                    .callTimeout(Duration.ofSeconds(5)).completionRetry(RetryPolicy.fixed(4, Duration.ofSeconds(1))))
            .build();

    @Test
    void an_open_saga_has_no_steps_of_its_own_and_knows_every_enlisted_step_name() {
        assertThat(open.isOpen()).isTrue();
        assertThat(open.steps()).isEmpty();
        assertThat(open.hasStep("step-7")).isTrue();
        assertThat(open.hasStep("step-7.complete")).isTrue();
        assertThat(open.hasStep("step-0")).isFalse();
        assertThat(open.hasStep("hotel")).isFalse();
        assertThat(open).hasToString("SagaDefinition[open-booking:v1, open]");
    }

    @Test
    void an_enlisted_step_is_compensatable_and_its_completion_retriable_with_the_configured_policies() {
        StepDefinition<Data> step = open.step("step-2");
        assertThat(step.role()).isEqualTo(StepRole.COMPENSATABLE);
        assertThat(step.isCompensatable()).isTrue();
        assertThat(step.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(step.compensationRetry()).isEqualTo(StepDefinition.DEFAULT_COMPENSATION_RETRY);

        StepDefinition<Data> completion = open.step("step-2.complete");
        assertThat(completion.role()).isEqualTo(StepRole.RETRIABLE);
        assertThat(completion.isCompensatable()).isFalse();
        assertThat(completion.retry()).isEqualTo(RetryPolicy.fixed(4, Duration.ofSeconds(1)));
        assertThat(open.step("step-2")).as("derived once").isSameAs(step);
    }

    @Test
    void enlisted_step_names_count_from_one() {
        assertThat(EnlistedSteps.stepName(3)).isEqualTo("step-3");
        assertThat(EnlistedSteps.completionName(3)).isEqualTo("step-3.complete");
        assertThat(EnlistedSteps.numberOf("step-12.complete")).isEqualTo(12);
        assertThat(EnlistedSteps.numberOf("step-012")).isZero();
        assertThat(EnlistedSteps.isCompletion("step-12.complete")).isTrue();
        assertThat(EnlistedSteps.isCompletion("step-12")).isFalse();
        assertThatThrownBy(() -> EnlistedSteps.stepName(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_saga_either_has_steps_or_enlists_them() {
        assertThatThrownBy(() -> Saga.define("mixed", Data.class)
                .enlistedSteps(steps -> steps.callTimeout(Duration.ofSeconds(5)))
                .step("hotel", s -> s.local((data, ctx) -> data).pivot()))
                .isInstanceOf(SagaDefinitionException.class)
                .hasMessage("Saga 'mixed' enlists its steps while it runs and cannot also have step 'hotel' of its own:"
                        + " define either steps or enlistedSteps(...)");
        assertThatThrownBy(() -> Saga.define("mixed", Data.class)
                .step("hotel", s -> s.local((data, ctx) -> data).pivot())
                .enlistedSteps(steps -> steps.callTimeout(Duration.ofSeconds(5))))
                .isInstanceOf(SagaDefinitionException.class)
                .hasMessageStartingWith("Saga 'mixed' has steps of its own and cannot also enlist steps");
        assertThatThrownBy(() -> Saga.define("slow", Data.class)
                .enlistedSteps(steps -> steps.callTimeout(Duration.ZERO)))
                .isInstanceOf(SagaDefinitionException.class)
                .hasMessage("Saga 'slow': callTimeout must be positive, was PT0S");
    }
}
