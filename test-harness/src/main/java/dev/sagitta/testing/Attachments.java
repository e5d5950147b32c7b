package dev.sagitta.testing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A test's own objects kept with a harness, one per class, found by their class or a supertype.
 * Immutable once built; the builder side is not thread-safe.
 */
final class Attachments {

    private final Map<Class<?>, Object> byClass;

    private Attachments(Map<Class<?>, Object> byClass) {
        this.byClass = Collections.unmodifiableMap(new LinkedHashMap<>(byClass));
    }

    /** Collects attachments for a builder. */
    static final class Collector {
        private final Map<Class<?>, Object> byClass = new LinkedHashMap<>();

        void add(Object value) {
            Objects.requireNonNull(value, "value");
            if (byClass.putIfAbsent(value.getClass(), value) != null) {
                throw new IllegalArgumentException("a " + value.getClass().getSimpleName() + " is already attached");
            }
        }

        Attachments build() {
            return new Attachments(byClass);
        }
    }

    <T> T get(Class<T> type) {
        Object value = byClass.get(type);
        if (value == null) {
            List<Object> matching = byClass.values().stream().filter(type::isInstance).toList();
            if (matching.size() > 1) {
                throw new IllegalArgumentException(matching.size() + " attachments are a " + type.getName()
                        + ": ask for one by its own class, one of " + byClass.keySet());
            }
            value = matching.isEmpty() ? null : matching.get(0);
        }
        if (value == null) {
            throw new IllegalArgumentException("nothing of type " + type.getName() + " is attached; attached are "
                    + byClass.keySet() + " (attach one with the builder's attach(...))");
        }
        return type.cast(value);
    }
}
