package dev.sagitta.camel.saga;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One step of a Camel route saga as it is stored: what its {@code .saga()} block asked for when the
 * step began. Immutable, as long as the list and map option values it was given are not changed.
 *
 * @param name         the enlisted step's name in the saga ({@code step-n})
 * @param compensation the URI of its compensation endpoint, if any
 * @param completion   the URI of its completion endpoint, if any
 * @param options      its options, evaluated when the step began, sent as headers to both endpoints
 *                     (as JSON gives them back: strings, numbers, booleans, lists and maps)
 */
public record RouteSagaStep(String name, @Nullable String compensation, @Nullable String completion,
        Map<String, Object> options) {

    public RouteSagaStep {
        Objects.requireNonNull(name, "name");
        options = options == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(options));
    }
}
