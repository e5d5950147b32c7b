package dev.sagitta.engine.spi;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A command from a saga to a participant: a forward step or a compensation. Travels as a JSON body
 * ({@link #payload()}) with the other fields as CloudEvents-style headers.
 *
 * <p>Immutable. {@link #messageId()} is unique per message; {@link #idempotencyKey()} names the
 * operation (the step, or its compensation) and stays the same across attempts, so a participant
 * that deduplicates on it applies a retried command once even when an earlier attempt took effect
 * without its reply arriving.
 *
 * @param messageId     unique id of this message (CloudEvents {@code id})
 * @param messageType   {@code {module}.{entity}.{action}}, for example {@code trip.hotel.reserve}
 * @param sagaId        the saga instance; also the partition/routing key
 * @param sagaType      the saga definition's name (CloudEvents {@code source})
 * @param step          the step's name
 * @param attempt       1-based attempt number
 * @param compensation  whether this undoes the step
 * @param participant   the participant's logical name; transports map it to an endpoint
 * @param payload       the JSON body
 * @param correlationId the business correlation id, if any
 * @param tenantId      the tenant, if any
 * @param createdAt     when the transition that made it committed
 */
public record CommandMessage(
        String messageId,
        String messageType,
        String sagaId,
        String sagaType,
        String step,
        int attempt,
        boolean compensation,
        String participant,
        String payload,
        @Nullable String correlationId,
        @Nullable String tenantId,
        Instant createdAt) {

    public CommandMessage {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(messageType, "messageType");
        Objects.requireNonNull(sagaId, "sagaId");
        Objects.requireNonNull(sagaType, "sagaType");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(participant, "participant");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(createdAt, "createdAt");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be at least 1, was " + attempt);
        }
    }

    /** {@code sagaId:step}, with {@code :compensation} for compensations; the same for every attempt. */
    public String idempotencyKey() {
        return sagaId + ":" + step + (compensation ? ":compensation" : "");
    }
}
