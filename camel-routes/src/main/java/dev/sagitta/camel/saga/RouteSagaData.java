package dev.sagitta.camel.saga;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The saga data of a Camel route saga: its steps, in the order they began. Immutable.
 *
 * @param steps the steps that began
 */
public record RouteSagaData(List<RouteSagaStep> steps) {

    public RouteSagaData {
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

    static RouteSagaData empty() {
        return new RouteSagaData(List.of());
    }

    RouteSagaData with(RouteSagaStep step) {
        List<RouteSagaStep> more = new ArrayList<>(steps);
        more.add(step);
        return new RouteSagaData(more);
    }

    /** The step named {@code name} ({@code step-n}), if it began. */
    public Optional<RouteSagaStep> step(String name) {
        return steps.stream().filter(step -> step.name().equals(name)).findFirst();
    }
}
