package dev.sagitta.engine;

import dev.sagitta.engine.spi.PayloadCodec;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A saga instance as it stands: status, data, steps and timeline. An immutable snapshot, read from
 * the store when it was made; thread-safe. Equal snapshots hold the same values.
 */
public final class SagaView {

    private final String sagaId;
    private final String sagaType;
    private final int version;
    private final SagaStatus status;
    private final String dataJson;
    private final @Nullable String reason;
    private final List<StepView> steps;
    private final List<TimelineEntry> timeline;
    private final @Nullable Instant wakeAt;
    private final @Nullable String correlationId;
    private final @Nullable String tenantId;
    private final @Nullable String businessKey;
    private final Instant createdAt;
    private final Instant updatedAt;
    private final PayloadCodec codec;

    /**
     * @param codec decodes {@code dataJson} for {@link #data(Class)}: the engine's codec
     */
    public SagaView(String sagaId, String sagaType, int version, SagaStatus status, String dataJson,
            @Nullable String reason, List<StepView> steps, List<TimelineEntry> timeline, @Nullable Instant wakeAt,
            @Nullable String correlationId, @Nullable String tenantId, @Nullable String businessKey,
            Instant createdAt, Instant updatedAt, PayloadCodec codec) {
        this.sagaId = Objects.requireNonNull(sagaId, "sagaId");
        this.sagaType = Objects.requireNonNull(sagaType, "sagaType");
        this.version = version;
        this.status = Objects.requireNonNull(status, "status");
        this.dataJson = Objects.requireNonNull(dataJson, "dataJson");
        this.reason = reason;
        this.steps = List.copyOf(steps);
        this.timeline = List.copyOf(timeline);
        this.wakeAt = wakeAt;
        this.correlationId = correlationId;
        this.tenantId = tenantId;
        this.businessKey = businessKey;
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.updatedAt = Objects.requireNonNull(updatedAt, "updatedAt");
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    public String sagaId() {
        return sagaId;
    }

    /** The definition's name. */
    public String sagaType() {
        return sagaType;
    }

    /** The definition version the instance is pinned to. */
    public int version() {
        return version;
    }

    public SagaStatus status() {
        return status;
    }

    /** The saga data as the engine's codec encoded it (JSON by default). */
    public String dataJson() {
        return dataJson;
    }

    /** The data decoded as {@code type}. */
    public <D> D data(Class<D> type) {
        return codec.decode(dataJson, type);
    }

    /** Why it compensated or failed, if it did. */
    public @Nullable String reason() {
        return reason;
    }

    /** Its steps in definition order. */
    public List<StepView> steps() {
        return steps;
    }

    public Optional<StepView> step(String name) {
        return steps.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** What happened, in order. */
    public List<TimelineEntry> timeline() {
        return timeline;
    }

    /** The timeline, one entry a line. */
    public String timelineText() {
        StringBuilder out = new StringBuilder();
        timeline.forEach(entry -> out.append(entry).append('\n'));
        return out.toString();
    }

    /** When the engine looks at it next, if it waits for a time. */
    public @Nullable Instant wakeAt() {
        return wakeAt;
    }

    public @Nullable String correlationId() {
        return correlationId;
    }

    public @Nullable String tenantId() {
        return tenantId;
    }

    public @Nullable String businessKey() {
        return businessKey;
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** When it last moved. */
    public Instant updatedAt() {
        return updatedAt;
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof SagaView that
                && version == that.version
                && sagaId.equals(that.sagaId)
                && sagaType.equals(that.sagaType)
                && status == that.status
                && dataJson.equals(that.dataJson)
                && Objects.equals(reason, that.reason)
                && steps.equals(that.steps)
                && timeline.equals(that.timeline)
                && Objects.equals(wakeAt, that.wakeAt)
                && Objects.equals(correlationId, that.correlationId)
                && Objects.equals(tenantId, that.tenantId)
                && Objects.equals(businessKey, that.businessKey)
                && createdAt.equals(that.createdAt)
                && updatedAt.equals(that.updatedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sagaId, status, updatedAt, timeline.size());
    }

    @Override
    public String toString() {
        return "SagaView[" + sagaType + ":v" + version + " " + sagaId + " " + status
                + (reason == null ? "" : " (" + reason + ")") + ", data=" + dataJson + "]";
    }
}
