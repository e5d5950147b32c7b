package dev.sagitta.dsl;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A position in a saga's order: one step, or a parallel group of steps that run at once (fork/join).
 *
 * <p>Immutable and thread-safe.
 *
 * @param parallelGroup the group's name, or {@code null} for a single step
 * @param steps         one step, or the group's steps
 * @param <D>           the saga data type
 */
public record Stage<D>(@Nullable String parallelGroup, List<StepDefinition<D>> steps) {

    public Stage {
        Objects.requireNonNull(steps, "steps");
        steps = List.copyOf(steps);
    }

    public boolean isParallel() {
        return parallelGroup != null;
    }
}
