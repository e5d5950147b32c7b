package dev.sagitta.dsl;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A validated saga definition: name, version, data type and ordered stages of steps.
 *
 * <p>Immutable and thread-safe; several versions of one saga may be registered with an engine at
 * once, and each instance finishes on the version it started with. Built by
 * {@link Saga#define(String, Class)}.
 *
 * @param <D> the saga data type
 */
public final class SagaDefinition<D> {

    private final String name;
    private final int version;
    private final Class<D> dataType;
    private final List<Stage<D>> stages;
    private final List<StepDefinition<D>> steps;
    private final Map<String, Integer> stageOfStep;
    private final @Nullable Duration deadline;
    private final @Nullable EnlistedSteps<D> enlisted;

    SagaDefinition(String name, int version, Class<D> dataType, List<Stage<D>> stages, @Nullable Duration deadline,
            @Nullable EnlistedSteps<D> enlisted) {
        this.name = name;
        this.version = version;
        this.dataType = dataType;
        this.stages = List.copyOf(stages);
        this.steps = this.stages.stream().flatMap(s -> s.steps().stream()).collect(Collectors.toUnmodifiableList());
        this.stageOfStep = indexStages(this.stages);
        this.deadline = deadline;
        this.enlisted = enlisted;
    }

    private static <D> Map<String, Integer> indexStages(List<Stage<D>> stages) {
        var index = new java.util.HashMap<String, Integer>();
        for (int i = 0; i < stages.size(); i++) {
            for (StepDefinition<D> step : stages.get(i).steps()) {
                index.put(step.name(), i);
            }
        }
        return Map.copyOf(index);
    }

    public String name() {
        return name;
    }

    public int version() {
        return version;
    }

    public Class<D> dataType() {
        return dataType;
    }

    /** The stages in order; each holds one step or a parallel group. */
    public List<Stage<D>> stages() {
        return stages;
    }

    /** Every step in definition order (a parallel group's steps in the order they were declared). */
    public List<StepDefinition<D>> steps() {
        return steps;
    }

    public StepDefinition<D> step(String stepName) {
        Integer stage = stageOfStep.get(stepName);
        if (stage == null && enlisted != null) {
            StepDefinition<D> step = enlisted.definitionOf(stepName);
            if (step != null) {
                return step;
            }
        }
        if (stage == null) {
            throw new SagaDefinitionException("Saga '" + name + "' v" + version + " has no step '" + stepName + "'");
        }
        return stages.get(stage).steps().stream()
                .filter(s -> s.name().equals(stepName))
                .findFirst()
                .orElseThrow();
    }

    /** True for a step of the definition, and in an open saga for any enlisted step's name. */
    public boolean hasStep(String stepName) {
        return stageOfStep.containsKey(stepName) || (enlisted != null && EnlistedSteps.numberOf(stepName) > 0);
    }

    /**
     * True for an open saga: one that has no steps of its own and enlists them while it runs
     * ({@link #enlisted()}).
     */
    public boolean isOpen() {
        return enlisted != null;
    }

    /** How the enlisted steps of an open saga behave; empty for a saga with steps of its own. */
    public Optional<EnlistedSteps<D>> enlisted() {
        return Optional.ofNullable(enlisted);
    }

    /** The index in {@link #stages()} of the stage that holds the step. */
    public int stageOf(String stepName) {
        step(stepName);
        Integer stage = stageOfStep.get(stepName);
        if (stage == null) {
            throw new SagaDefinitionException("Step '" + stepName + "' of saga '" + name + "' was enlisted while the"
                    + " saga ran: it belongs to no stage of the definition");
        }
        return stage;
    }

    /** How long a saga may run before it is cancelled (compensated, if it has not passed its pivot). */
    public Optional<Duration> deadline() {
        return Optional.ofNullable(deadline);
    }

    /** {@code name:vN}, the key of this definition in a registry. */
    public String key() {
        return name + ":v" + version;
    }

    /** Steps by name, for lookups that happen often. */
    public Map<String, StepDefinition<D>> stepsByName() {
        return steps.stream().collect(Collectors.toUnmodifiableMap(StepDefinition::name, Function.identity()));
    }

    @Override
    public String toString() {
        return "SagaDefinition[" + key() + ", " + (enlisted != null ? "open" : steps.size() + " steps") + "]";
    }
}
