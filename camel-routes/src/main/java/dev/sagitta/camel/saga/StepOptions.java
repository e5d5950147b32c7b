package dev.sagitta.camel.saga;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.saga.CamelSagaStep;

/**
 * Evaluates a step's options when it begins and checks each value can be stored as JSON and read
 * back without losing anything: strings, booleans, finite numbers of the primitive types, and lists
 * and maps (with string keys) of those. Numbers come back as JSON reads them (an {@code Integer} for
 * a small {@code long}, a {@code Double} for a {@code float}); a {@code BigDecimal} or
 * {@code BigInteger} would come back rounded, so they are refused.
 */
final class StepOptions {

    private StepOptions() {
    }

    /** The options' values; options that evaluate to null are left out, as Camel's own saga service does. */
    static Map<String, Object> evaluate(Exchange exchange, CamelSagaStep step) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, Expression> option : step.getOptions().entrySet()) {
            if (option.getValue() == null) {
                continue;
            }
            Object value;
            try {
                value = option.getValue().evaluate(exchange, Object.class);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("Saga option '" + option.getKey() + "' could not be evaluated: "
                        + e.getMessage(), e);
            }
            if (value != null) {
                requireStorable(option.getKey(), value);
                values.put(option.getKey(), value);
            }
        }
        return values;
    }

    private static void requireStorable(String option, Object value) {
        if (!storable(value)) {
            throw new IllegalArgumentException("Saga option '" + option + "' is a " + value.getClass().getName()
                    + ", which cannot be stored as JSON and read back as itself: the saga's state is"
                    + " durable, so option values must be strings, booleans, finite int, long or double numbers, or"
                    + " lists or maps of those; give the option an expression that yields one, for example ${body.id}"
                    + " instead of ${body}, or a decimal amount as a string");
        }
    }

    private static boolean storable(Object value) {
        if (value instanceof String || value instanceof Boolean || value instanceof Integer || value instanceof Long
                || value instanceof Short || value instanceof Byte) {
            return true;
        }
        if (value instanceof Double || value instanceof Float) {
            return Double.isFinite(((Number) value).doubleValue());
        }
        if (value instanceof Collection<?> list) {
            return list.stream().allMatch(item -> item != null && storable(item));
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().allMatch(entry -> entry.getKey() instanceof String
                    && entry.getValue() != null && storable(entry.getValue()));
        }
        return false;
    }
}
