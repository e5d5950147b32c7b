package dev.sagitta.dsl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link SagaDefinition}. Obtained from {@link Saga#define(String, Class)}.
 *
 * <p>Not thread-safe. Defaults: version 1, no deadline. {@link #build()} validates the whole
 * definition and names the step and the fix in its message.
 *
 * @param <D> the saga data type
 */
public final class SagaDefinitionBuilder<D> {

    private final String name;
    private final Class<D> dataType;
    private int version = 1;
    private @Nullable Duration deadline;
    private final List<PendingStage<D>> stages = new ArrayList<>();
    private @Nullable EnlistedStepsBuilder<D> enlisted;

    SagaDefinitionBuilder(String name, Class<D> dataType) {
        this.name = Names.requireName(name, "saga name");
        this.dataType = dataType;
    }

    /** The definition's version, 1 or more. Instances finish on the version they started with. */
    public SagaDefinitionBuilder<D> version(int version) {
        if (version < 1) {
            throw new SagaDefinitionException("Saga '" + name + "': version must be 1 or more, was " + version);
        }
        this.version = version;
        return this;
    }

    /** How long an instance may run; when it passes, the saga is cancelled (compensated if before its pivot). */
    public SagaDefinitionBuilder<D> deadline(Duration deadline) {
        Objects.requireNonNull(deadline, "deadline");
        if (deadline.isZero() || deadline.isNegative()) {
            throw new SagaDefinitionException("Saga '" + name + "': deadline must be positive, was " + deadline);
        }
        this.deadline = deadline;
        return this;
    }

    /**
     * Makes this an open saga: it has no steps of its own, and its steps are enlisted while it runs
     * (see {@link EnlistedSteps}). Cannot be combined with {@link #step} or {@link #parallel}.
     */
    public SagaDefinitionBuilder<D> enlistedSteps(Consumer<EnlistedStepsBuilder<D>> configure) {
        Objects.requireNonNull(configure, "configure");
        if (!stages.isEmpty()) {
            throw new SagaDefinitionException("Saga '" + name + "' has steps of its own and cannot also enlist"
                    + " steps while it runs: define either steps or enlistedSteps(...)");
        }
        if (enlisted != null) {
            throw new SagaDefinitionException("Saga '" + name + "' has enlistedSteps(...) twice: keep one");
        }
        EnlistedStepsBuilder<D> builder = new EnlistedStepsBuilder<>(name);
        configure.accept(builder);
        enlisted = builder;
        return this;
    }

    /** Adds the next step. */
    public SagaDefinitionBuilder<D> step(String stepName, Consumer<StepBuilder<D>> configure) {
        Objects.requireNonNull(configure, "configure");
        requireNotOpen(stepName);
        StepBuilder<D> builder = new StepBuilder<>(name, stepName);
        configure.accept(builder);
        stages.add(new PendingStage<>(null, List.of(builder)));
        return this;
    }

    /** Adds a parallel group of compensatable steps that run at once (fork/join). */
    public SagaDefinitionBuilder<D> parallel(String groupName, Consumer<ParallelBuilder<D>> configure) {
        Names.requireName(groupName, "parallel group name");
        Objects.requireNonNull(configure, "configure");
        requireNotOpen(groupName);
        ParallelBuilder<D> builder = new ParallelBuilder<>(name);
        configure.accept(builder);
        stages.add(new PendingStage<>(groupName, List.copyOf(builder.steps())));
        return this;
    }

    /** Validates and builds the immutable definition. */
    public SagaDefinition<D> build() {
        if (enlisted != null) {
            return new SagaDefinition<>(name, version, dataType, List.of(), deadline, enlisted.build());
        }
        List<Stage<D>> built = new ArrayList<>();
        for (PendingStage<D> stage : stages) {
            List<StepDefinition<D>> steps = new ArrayList<>();
            for (StepBuilder<D> step : stage.steps()) {
                steps.add(step.build());
            }
            built.add(new Stage<>(stage.group(), steps));
        }
        new DefinitionValidator<>(name, built).validate();
        return new SagaDefinition<>(name, version, dataType, built, deadline, null);
    }

    private void requireNotOpen(String stepName) {
        if (enlisted != null) {
            throw new SagaDefinitionException("Saga '" + name + "' enlists its steps while it runs and cannot also"
                    + " have step '" + stepName + "' of its own: define either steps or enlistedSteps(...)");
        }
    }

    private record PendingStage<D>(@Nullable String group, List<StepBuilder<D>> steps) {
    }
}
