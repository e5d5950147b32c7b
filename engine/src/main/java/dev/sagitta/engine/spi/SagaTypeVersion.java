package dev.sagitta.engine.spi;

import java.util.Objects;

/** A saga definition's name and version, as stored with each instance. Immutable. */
public record SagaTypeVersion(String sagaType, int version) {

    public SagaTypeVersion {
        Objects.requireNonNull(sagaType, "sagaType");
    }

    @Override
    public String toString() {
        return sagaType + ":v" + version;
    }
}
