package dev.sagitta.engine.internal;

import dev.sagitta.dsl.SagaDefinition;
import dev.sagitta.engine.UnregisteredDefinitionException;
import dev.sagitta.engine.spi.SagaTypeVersion;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The definitions an engine runs, by name and version. Immutable and thread-safe. */
public final class DefinitionRegistry {

    private final Map<SagaTypeVersion, SagaDefinition<?>> byKey;

    public DefinitionRegistry(Collection<SagaDefinition<?>> definitions) {
        this.byKey = definitions.stream().collect(Collectors.toUnmodifiableMap(
                d -> new SagaTypeVersion(d.name(), d.version()), d -> d, (a, b) -> {
                    throw new IllegalArgumentException("saga '" + a.name() + "' version " + a.version()
                            + " is registered twice: register each version once");
                }));
    }

    public SagaDefinition<?> get(String sagaType, int version) {
        SagaDefinition<?> definition = byKey.get(new SagaTypeVersion(sagaType, version));
        if (definition == null) {
            throw new UnregisteredDefinitionException("Saga '" + sagaType + "' version " + version
                    + " is not registered with this engine: register it with SagaEngine.builder().register(...)");
        }
        return definition;
    }

    /** Checks a definition given to a start call is the very one registered under its name and version. */
    public void requireRegistered(SagaDefinition<?> definition) {
        SagaDefinition<?> registered = get(definition.name(), definition.version());
        if (registered != definition) {
            throw new UnregisteredDefinitionException("Saga '" + definition.name() + "' version "
                    + definition.version() + " given to startSaga is not the instance registered with this engine:"
                    + " start sagas with the registered definition");
        }
    }

    /** The highest registered version of {@code sagaType}. */
    public SagaDefinition<?> latest(String sagaType) {
        return byKey.values().stream()
                .filter(d -> d.name().equals(sagaType))
                .max(Comparator.comparingInt(SagaDefinition::version))
                .orElseThrow(() -> new UnregisteredDefinitionException("No saga named '" + sagaType
                        + "' is registered with this engine; registered: " + names()));
    }

    /** Fails if any of {@code inFlight} has no registered definition, naming them all. */
    public void requireAll(Set<SagaTypeVersion> inFlight) {
        Set<String> missing = new TreeSet<>();
        for (SagaTypeVersion key : inFlight) {
            if (!byKey.containsKey(key)) {
                missing.add(key.toString());
            }
        }
        if (!missing.isEmpty()) {
            throw new UnregisteredDefinitionException("The store holds unfinished sagas of " + missing
                    + ", which this engine does not register. Each saga finishes on the version it started with:"
                    + " register those versions too (beside the new ones) before starting the engine.");
        }
    }

    private List<String> names() {
        return byKey.keySet().stream().map(SagaTypeVersion::toString).sorted().toList();
    }
}
