package dev.sagitta.engine;

import dev.sagitta.engine.spi.PayloadCodec;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A saga instance as it stands: status, data, steps and timeline. An immutable snapshot, read from
 * the store when it was made.
 *
 * @param sagaId        the instance
 * @param sagaType      its definition's name
 * @param version       the definition version it is pinned to
 * @param status        its status
 * @param dataJson      its data, encoded
 * @param reason        why it compensated or failed, if it did
 * @param steps         its steps in definition order
 * @param timeline      what happened, in order
 * @param wakeAt        when the engine looks at it next, if it waits for a time
 * @param correlationId if it has one
 * @param tenantId      if it has one
 * @param businessKey   if it has one
 * @param createdAt     when it started
 * @param updatedAt     when it last moved
 */
public record SagaView(
        String sagaId,
        String sagaType,
        int version,
        SagaStatus status,
        String dataJson,
        @Nullable String reason,
        List<StepView> steps,
        List<TimelineEntry> timeline,
        @Nullable Instant wakeAt,
        @Nullable String correlationId,
        @Nullable String tenantId,
        @Nullable String businessKey,
        Instant createdAt,
        Instant updatedAt,
        PayloadCodec codec) {

    public SagaView {
        steps = List.copyOf(steps);
        timeline = List.copyOf(timeline);
    }

    /** The data decoded as {@code type}. */
    public <D> D data(Class<D> type) {
        return codec.decode(dataJson, type);
    }

    public Optional<StepView> step(String name) {
        return steps.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The timeline, one entry a line. */
    public String timelineText() {
        StringBuilder out = new StringBuilder();
        timeline.forEach(entry -> out.append(entry).append('\n'));
        return out.toString();
    }
}
