package dev.sagitta.engine.spi;

import dev.sagitta.engine.SagaStatus;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A saga instance as the store keeps it: one row.
 *
 * <p>Immutable. {@link #progress()} is the engine's own encoding of the per-step state; a store
 * keeps it as opaque text. {@link #revision()} starts at 1 and grows by one with every transition;
 * the store uses it for optimistic concurrency.
 *
 * @param sagaId        the instance id
 * @param sagaType      the definition's name
 * @param sagaVersion   the definition version the instance is pinned to
 * @param status        its status
 * @param data          the saga data, as encoded by the {@link PayloadCodec}
 * @param progress      per-step state, engine-encoded
 * @param wakeAt        when the engine must look at it again; {@code null} for none (terminal, or
 *                      only waiting for a message with no timeout)
 * @param revision      1 on insert, +1 per transition
 * @param correlationId a business correlation id, if any
 * @param tenantId      the tenant, if any
 * @param businessKey   the idempotent-start key, unique per saga type, if any
 * @param createdAt     when it started
 * @param updatedAt     when its last transition committed
 */
public record SagaRecord(
        String sagaId,
        String sagaType,
        int sagaVersion,
        SagaStatus status,
        String data,
        String progress,
        @Nullable Instant wakeAt,
        long revision,
        @Nullable String correlationId,
        @Nullable String tenantId,
        @Nullable String businessKey,
        Instant createdAt,
        Instant updatedAt) {

    public SagaRecord {
        Objects.requireNonNull(sagaId, "sagaId");
        Objects.requireNonNull(sagaType, "sagaType");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (revision < 1) {
            throw new IllegalArgumentException("revision must be at least 1, was " + revision);
        }
    }
}
