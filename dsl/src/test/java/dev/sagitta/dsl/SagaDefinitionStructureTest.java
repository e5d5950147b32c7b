package dev.sagitta.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a built definition is laid out in stages, and how its steps are looked up. */
class SagaDefinitionStructureTest {

    private static StepBuilder<Trip> undoable(StepBuilder<Trip> s) {
        return s.local((t, ctx) -> t).compensateLocally((t, ctx) -> t);
    }

    private static SagaDefinition<Trip> tripWithParallelBookings() {
        return Saga.define("trip", Trip.class)
                .version(3)
                .deadline(Duration.ofMinutes(10))
                .step("reserve-hotel", SagaDefinitionStructureTest::undoable)
                .parallel("book", p -> p
                        .step("reserve-flight", SagaDefinitionStructureTest::undoable)
                        .step("reserve-car", SagaDefinitionStructureTest::undoable))
                .step("charge", s -> s.local((t, ctx) -> t).pivot())
                .step("notify", s -> s.local((t, ctx) -> t).retriable())
                .build();
    }

    @Test
    void aDefinitionKeepsItsNameVersionDataTypeAndDeadline() {
        SagaDefinition<Trip> definition = tripWithParallelBookings();

        assertThat(definition.name()).isEqualTo("trip");
        assertThat(definition.version()).isEqualTo(3);
        assertThat(definition.dataType()).isEqualTo(Trip.class);
        assertThat(definition.deadline()).contains(Duration.ofMinutes(10));
        assertThat(definition.key()).isEqualTo("trip:v3");
        assertThat(definition.toString()).isEqualTo("SagaDefinition[trip:v3, 5 steps]");
    }

    @Test
    void byDefaultADefinitionIsVersionOneWithoutDeadline() {
        SagaDefinition<Trip> definition = Saga.define("trip", Trip.class)
                .step("reserve-hotel", SagaDefinitionStructureTest::undoable)
                .build();

        assertThat(definition.version()).isEqualTo(1);
        assertThat(definition.deadline()).isEmpty();
        assertThat(definition.key()).isEqualTo("trip:v1");
    }

    @Test
    void eachSingleStepIsItsOwnStageAndAParallelGroupIsOneStage() {
        List<Stage<Trip>> stages = tripWithParallelBookings().stages();

        assertThat(stages).hasSize(4);
        assertThat(stages).extracting(Stage::isParallel).containsExactly(false, true, false, false);
        assertThat(stages).extracting(Stage::parallelGroup).containsExactly(null, "book", null, null);
        assertThat(stages.get(1).steps()).extracting(StepDefinition::name)
                .containsExactly("reserve-flight", "reserve-car");
        assertThat(stages.get(0).steps()).extracting(StepDefinition::name).containsExactly("reserve-hotel");
    }

    @Test
    void stepsListsEveryStepInDefinitionOrderWithAGroupInDeclarationOrder() {
        assertThat(tripWithParallelBookings().steps()).extracting(StepDefinition::name)
                .containsExactly("reserve-hotel", "reserve-flight", "reserve-car", "charge", "notify");
    }

    @Test
    void stepsAreLookedUpByName() {
        SagaDefinition<Trip> definition = tripWithParallelBookings();

        assertThat(definition.step("reserve-car").name()).isEqualTo("reserve-car");
        assertThat(definition.step("charge").role()).isEqualTo(StepRole.PIVOT);
        assertThat(definition.hasStep("reserve-car")).isTrue();
        assertThat(definition.hasStep("rent-bike")).isFalse();
        assertThat(definition.stepsByName()).containsOnlyKeys(
                "reserve-hotel", "reserve-flight", "reserve-car", "charge", "notify");
        assertThat(definition.stepsByName().get("notify")).isSameAs(definition.step("notify"));
    }

    @Test
    void stageOfGivesTheIndexOfTheStageHoldingTheStep() {
        SagaDefinition<Trip> definition = tripWithParallelBookings();

        assertThat(definition.stageOf("reserve-hotel")).isZero();
        assertThat(definition.stageOf("reserve-flight")).isEqualTo(1);
        assertThat(definition.stageOf("reserve-car")).isEqualTo(1);
        assertThat(definition.stageOf("charge")).isEqualTo(2);
        assertThat(definition.stageOf("notify")).isEqualTo(3);
    }

    @Test
    void anUnknownStepIsRejectedNamingTheSagaAndVersion() {
        SagaDefinition<Trip> definition = tripWithParallelBookings();

        assertThatThrownBy(() -> definition.step("rent-bike"))
                .isInstanceOf(SagaDefinitionException.class)
                .hasMessage("Saga 'trip' v3 has no step 'rent-bike'");
        assertThatThrownBy(() -> definition.stageOf("rent-bike"))
                .isInstanceOf(SagaDefinitionException.class)
                .hasMessage("Saga 'trip' v3 has no step 'rent-bike'");
    }

    @Test
    void theDefinitionCannotBeChangedThroughItsLists() {
        SagaDefinition<Trip> definition = tripWithParallelBookings();

        assertThatThrownBy(() -> definition.steps().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> definition.stages().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> definition.stages().get(1).steps().clear())
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> definition.stepsByName().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void addingStepsToTheBuilderAfterBuildLeavesTheBuiltDefinitionAlone() {
        SagaDefinitionBuilder<Trip> builder = Saga.define("trip", Trip.class)
                .step("reserve-hotel", SagaDefinitionStructureTest::undoable);
        SagaDefinition<Trip> first = builder.build();

        SagaDefinition<Trip> second = builder.step("reserve-car", SagaDefinitionStructureTest::undoable).build();

        assertThat(first.steps()).extracting(StepDefinition::name).containsExactly("reserve-hotel");
        assertThat(second.steps()).extracting(StepDefinition::name).containsExactly("reserve-hotel", "reserve-car");
    }

    @Test
    void aStageCopiesItsStepList() {
        StepDefinition<Trip> step = new StepBuilder<Trip>("trip", "reserve-hotel")
                .local((t, ctx) -> t).compensateLocally((t, ctx) -> t).build();
        List<StepDefinition<Trip>> steps = new java.util.ArrayList<>(List.of(step));

        Stage<Trip> stage = new Stage<>(null, steps);
        steps.clear();

        assertThat(stage.steps()).containsExactly(step);
        assertThat(stage.isParallel()).isFalse();
    }
}
