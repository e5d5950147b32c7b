package dev.sagitta.dsl;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Declares the steps of a parallel group: they start together, and the saga moves on when all have
 * completed. When one fails, the saga compensates every sibling that completed or may have.
 *
 * <p>Not thread-safe; use it only inside the configuring lambda.
 *
 * @param <D> the saga data type
 */
public final class ParallelBuilder<D> {

    private final String sagaName;
    private final List<StepBuilder<D>> steps = new ArrayList<>();

    ParallelBuilder(String sagaName) {
        this.sagaName = sagaName;
    }

    /** Adds a step to the group. */
    public ParallelBuilder<D> step(String name, Consumer<StepBuilder<D>> configure) {
        Objects.requireNonNull(configure, "configure");
        StepBuilder<D> builder = new StepBuilder<>(sagaName, name);
        configure.accept(builder);
        steps.add(builder);
        return this;
    }

    List<StepBuilder<D>> steps() {
        return steps;
    }
}
