package dev.sagitta.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Says how a scripted participant answers each type of command it receives. Set up in the harness
 * builder:
 *
 * <pre>{@code
 * .participant("hotel-service", hotel -> hotel
 *     .on("trip.hotel.reserve", Reply.success(new Reserved("H-1")))
 *     .on("trip.hotel.release", Reply.failure("hotel system down").times(2), Reply.success()))
 * }</pre>
 *
 * <p>For each saga, the answers to one command type are used in order, one per command received
 * (a {@link Reply#times(int)} answer covers several); the last answer then repeats. Command types
 * with no script are answered with {@link #otherwise(Reply)}, by default {@link Reply#success()}.
 *
 * <p>By default the participant deduplicates as a well-built one does: a command whose operation
 * (its {@linkplain dev.sagitta.engine.spi.CommandMessage#idempotencyKey() idempotency key}) already
 * took effect is answered as before without taking effect again, and a forward command that comes
 * after its compensation is refused. {@link #withoutDeduplication()} turns that off, to show what a
 * participant without idempotency handling does under duplicates.
 *
 * <p>Not thread-safe: configure it in one place, before the harness is built.
 */
public final class ParticipantScript {

    private final Map<String, List<Reply>> answers = new HashMap<>();
    private Reply otherwise = Reply.success();
    private boolean deduplicates = true;

    ParticipantScript() {
    }

    /** How this participant answers commands of {@code messageType}, in order; the last one repeats. */
    public ParticipantScript on(String messageType, Reply first, Reply... then) {
        if (messageType == null || messageType.isBlank()) {
            throw new IllegalArgumentException("messageType must not be blank, for example \"trip.hotel.reserve\"");
        }
        Objects.requireNonNull(first, "first");
        for (Reply reply : then) {
            Objects.requireNonNull(reply, "replies must not be null");
        }
        List<Reply> all = new ArrayList<>();
        all.add(first);
        all.addAll(List.of(then));
        answers.put(messageType, List.copyOf(all));
        return this;
    }

    /** How commands of types with no script are answered. Default: {@link Reply#success()}. */
    public ParticipantScript otherwise(Reply reply) {
        this.otherwise = Objects.requireNonNull(reply, "reply");
        return this;
    }

    /** Applies every command it receives, duplicates and late forward commands included. */
    public ParticipantScript withoutDeduplication() {
        this.deduplicates = false;
        return this;
    }

    Map<String, List<Reply>> answers() {
        return Map.copyOf(answers);
    }

    Reply otherwise() {
        return otherwise;
    }

    boolean deduplicates() {
        return deduplicates;
    }
}
