package dev.sagitta.camel;

import dev.sagitta.camel.internal.Arguments;
import dev.sagitta.engine.spi.Clock;
import dev.sagitta.engine.spi.DeadLetterStore;
import dev.sagitta.engine.spi.IdGenerator;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a consumer does with a message it cannot process: one that can never succeed (malformed, of a
 * schema version it does not read, naming an unknown saga, too large) at once, and one whose
 * handling keeps failing after {@link #handlingAttempts()} tries (waiting {@link #firstRetryDelay()},
 * then twice as long each time, through a Resilience4j Retry). Such a message goes to the
 * {@link DeadLetterStore}, with its reason, headers, payload and attempts, and is copied to the
 * {@link #endpoint() dead-letter endpoint} if there is one; the consumer then goes on with the next.
 *
 * <p>With neither a store nor an endpoint ({@link #logOnly()}, the default), a message that can
 * never succeed is logged at WARN and dropped, and one whose handling fails is left to the broker to
 * redeliver.
 *
 * <p>Immutable and thread-safe. Defaults: {@value #DEFAULT_MAX_PAYLOAD_BYTES} bytes of payload at
 * most, {@value #DEFAULT_HANDLING_ATTEMPTS} handling attempts, 200 ms before the first retry, random
 * UUIDs as ids, the system clock.
 */
public final class DeadLetterPolicy {

    public static final int DEFAULT_MAX_PAYLOAD_BYTES = 1024 * 1024;
    public static final int DEFAULT_HANDLING_ATTEMPTS = 3;
    public static final Duration DEFAULT_FIRST_RETRY_DELAY = Duration.ofMillis(200);

    private final @Nullable DeadLetterStore store;
    private final @Nullable String endpoint;
    private final int maxPayloadBytes;
    private final int handlingAttempts;
    private final Duration firstRetryDelay;
    private final IdGenerator ids;
    private final Clock clock;

    private DeadLetterPolicy(Builder builder) {
        this.store = builder.store;
        this.endpoint = builder.endpoint;
        this.maxPayloadBytes = builder.maxPayloadBytes;
        this.handlingAttempts = builder.handlingAttempts;
        this.firstRetryDelay = builder.firstRetryDelay;
        this.ids = builder.ids;
        this.clock = builder.clock;
    }

    /** No store and no endpoint: poison messages are logged and dropped. */
    public static DeadLetterPolicy logOnly() {
        return new Builder().build();
    }

    /** Dead letters go to {@code store} (for example {@code SagaDatabase.deadLetters()}). */
    public static Builder storingIn(DeadLetterStore store) {
        return new Builder().store(store);
    }

    /** Dead letters are only copied to {@code endpointUri}, for example {@code kafka:trip.replies.dlq}. */
    public static Builder copyingTo(String endpointUri) {
        return new Builder().endpoint(endpointUri);
    }

    public Optional<DeadLetterStore> store() {
        return Optional.ofNullable(store);
    }

    public Optional<String> endpoint() {
        return Optional.ofNullable(endpoint);
    }

    /** Whether dead letters are kept anywhere; if not, they are logged and dropped. */
    public boolean keepsLetters() {
        return store != null || endpoint != null;
    }

    public int maxPayloadBytes() {
        return maxPayloadBytes;
    }

    public int handlingAttempts() {
        return handlingAttempts;
    }

    public Duration firstRetryDelay() {
        return firstRetryDelay;
    }

    public IdGenerator ids() {
        return ids;
    }

    public Clock clock() {
        return clock;
    }

    /**
     * Configures a {@link DeadLetterPolicy}; each setter checks its argument at once.
     *
     * <p>Not thread-safe; use it from one thread.
     */
    public static final class Builder {
        private @Nullable DeadLetterStore store;
        private @Nullable String endpoint;
        private int maxPayloadBytes = DEFAULT_MAX_PAYLOAD_BYTES;
        private int handlingAttempts = DEFAULT_HANDLING_ATTEMPTS;
        private Duration firstRetryDelay = DEFAULT_FIRST_RETRY_DELAY;
        private IdGenerator ids = IdGenerator.randomUuids();
        private Clock clock = Clock.system();

        private Builder() {
        }

        public Builder store(DeadLetterStore deadLetters) {
            this.store = Arguments.requireNonNull(deadLetters, "store");
            return this;
        }

        /** Also sends each dead letter, with its original headers and payload, to {@code endpointUri}. */
        public Builder endpoint(String endpointUri) {
            this.endpoint = Arguments.requireEndpointUri(endpointUri, "endpoint");
            return this;
        }

        /** The largest body accepted, in bytes; a larger one is dead-lettered as oversized unread. */
        public Builder maxPayloadBytes(int bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("maxPayloadBytes must be at least 1, was " + bytes);
            }
            this.maxPayloadBytes = bytes;
            return this;
        }

        /** How many times handling a readable message is tried before it is dead-lettered, 1 or more. */
        public Builder handlingAttempts(int attempts) {
            if (attempts < 1) {
                throw new IllegalArgumentException("handlingAttempts must be at least 1, was " + attempts);
            }
            this.handlingAttempts = attempts;
            return this;
        }

        /** How long to wait before the second handling attempt; each later wait doubles. */
        public Builder firstRetryDelay(Duration delay) {
            Arguments.requireNonNull(delay, "firstRetryDelay");
            if (delay.isZero() || delay.isNegative()) {
                throw new IllegalArgumentException("firstRetryDelay must be positive, was " + delay);
            }
            this.firstRetryDelay = delay;
            return this;
        }

        public Builder ids(IdGenerator idGenerator) {
            this.ids = Arguments.requireNonNull(idGenerator, "ids");
            return this;
        }

        public Builder clock(Clock time) {
            this.clock = Arguments.requireNonNull(time, "clock");
            return this;
        }

        public DeadLetterPolicy build() {
            return new DeadLetterPolicy(this);
        }
    }
}
