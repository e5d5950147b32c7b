package dev.sagitta.dsl;

import java.util.Objects;
import java.util.function.BiFunction;

/**
 * Maps a participant's success reply into the saga data.
 *
 * <p>Immutable. The function must be pure: it receives the current data and the decoded reply, and
 * returns the new data.
 *
 * @param replyType the reply payload type, decoded from JSON
 * @param apply     computes the new saga data
 * @param <D>       the saga data type
 * @param <R>       the reply payload type
 */
public record ReplyMapping<D, R>(Class<R> replyType, BiFunction<D, R, D> apply) {

    public ReplyMapping {
        Objects.requireNonNull(replyType, "replyType");
        Objects.requireNonNull(apply, "apply");
    }

    /** Applies a reply already decoded to {@link #replyType()}. */
    public D applyTo(D data, Object reply) {
        return apply.apply(data, replyType.cast(reply));
    }
}
