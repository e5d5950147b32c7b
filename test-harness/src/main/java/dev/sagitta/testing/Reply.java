package dev.sagitta.testing;

import dev.sagitta.dsl.ErrorCodes;
import dev.sagitta.engine.spi.CommandMessage;
import dev.sagitta.engine.spi.PayloadCodec;
import dev.sagitta.engine.spi.ReplyOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * What a scripted participant does with a command: succeed (with a reply body), fail, or never
 * answer; optionally after a delay, as several identical replies, and for several commands in a
 * row. Immutable and thread-safe; each modifier returns a new answer and rejects a bad value on the
 * spot.
 *
 * <pre>{@code
 * script.on("trip.hotel.release", Reply.failure("hotel system down").times(2), Reply.success());
 * script.on("trip.hotel.reserve", Reply.success(cmd -> new Reserved("H-" + cmd.sagaId())).after(Duration.ofSeconds(3)));
 * }</pre>
 *
 * <p>Defaults: delivered at once, one reply, for one command.
 */
public final class Reply {

    private final Kind kind;
    private final Body payload;
    private final @Nullable String reason;
    private final @Nullable String errorCode;
    private final Duration delay;
    private final int copies;
    private final int times;

    enum Kind { SUCCESS, FAILURE, NONE }

    /** Makes a reply body from the command; the codec reads the command's body. */
    @FunctionalInterface
    private interface Body {
        @Nullable Object make(CommandMessage command, PayloadCodec codec);
    }

    private Reply(Kind kind, Body payload, @Nullable String reason, @Nullable String errorCode,
            Duration delay, int copies, int times) {
        this.kind = kind;
        this.payload = payload;
        this.reason = reason;
        this.errorCode = errorCode;
        this.delay = delay;
        this.copies = copies;
        this.times = times;
    }

    /** Succeeds with no reply body. */
    public static Reply success() {
        return new Reply(Kind.SUCCESS, (command, codec) -> null, null, null, Duration.ZERO, 1, 1);
    }

    /** Succeeds with this reply body (encoded as JSON). */
    public static Reply success(Object body) {
        Objects.requireNonNull(body, "body; use success() for none");
        return new Reply(Kind.SUCCESS, (command, codec) -> body, null, null, Duration.ZERO, 1, 1);
    }

    /** Succeeds with a reply body made from the command, for example to echo its saga id. */
    public static Reply success(Function<CommandMessage, @Nullable Object> body) {
        Objects.requireNonNull(body, "body");
        return new Reply(Kind.SUCCESS, (command, codec) -> body.apply(command), null, null, Duration.ZERO, 1, 1);
    }

    /**
     * Succeeds with a reply body made from the command's body, read as {@code commandType}:
     * {@code Reply.success(Reserve.class, reserve -> new Reserved("H-" + reserve.city()))}.
     */
    public static <C> Reply success(Class<C> commandType, Function<C, @Nullable Object> body) {
        Objects.requireNonNull(commandType, "commandType");
        Objects.requireNonNull(body, "body");
        return new Reply(Kind.SUCCESS, (command, codec) -> body.apply(codec.decode(command.payload(), commandType)),
                null, null, Duration.ZERO, 1, 1);
    }

    /** Refuses the command: a business failure, which the saga compensates (or retries if retriable). */
    public static Reply failure(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("give the failure a reason, as a participant would");
        }
        return new Reply(Kind.FAILURE, (command, codec) -> null, reason, null, Duration.ZERO, 1, 1);
    }

    /**
     * Fails the command with an error code ({@link dev.sagitta.dsl.ErrorCodes}): the step retries
     * when it retries on that code, and fails at once otherwise.
     * {@code Reply.error(ErrorCodes.UNAVAILABLE, "hotel system down")}.
     */
    public static Reply error(String errorCode, String reason) {
        ErrorCodes.requireCode(errorCode);
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("give the failure a reason, as a participant would");
        }
        return new Reply(Kind.FAILURE, (command, codec) -> null, reason, errorCode, Duration.ZERO, 1, 1);
    }

    /** Never answers and takes no effect, as a participant that is down would: the step times out. */
    public static Reply never() {
        return new Reply(Kind.NONE, (command, codec) -> null, null, null, Duration.ZERO, 0, 1);
    }

    /** The same answer, its replies delivered {@code later} (virtual time). */
    public Reply after(Duration later) {
        Objects.requireNonNull(later, "later");
        if (later.isNegative()) {
            throw new IllegalArgumentException("a reply cannot come before its command: delay was " + later);
        }
        return new Reply(kind, payload, reason, errorCode, later, copies, times);
    }

    /**
     * The same answer, sent {@code count} times: replies with the same body, each a message of its
     * own, as a participant that answers a command twice does. (Duplicates a broker makes, from a
     * {@link FaultPlan}, are the same message delivered twice.)
     */
    public Reply duplicated(int count) {
        if (kind == Kind.NONE) {
            throw new IllegalArgumentException("Reply.never() sends nothing to duplicate");
        }
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, was " + count);
        }
        return new Reply(kind, payload, reason, errorCode, delay, count, times);
    }

    /** The same answer for the next {@code count} commands of its type, before the script moves on. */
    public Reply times(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, was " + count);
        }
        return new Reply(kind, payload, reason, errorCode, delay, copies, count);
    }

    int times() {
        return times;
    }

    /** Whether answering this way takes effect at the participant. */
    boolean takesEffect() {
        return kind == Kind.SUCCESS;
    }

    List<ParticipantResponse> responses(CommandMessage command, PayloadCodec codec) {
        ParticipantResponse response = switch (kind) {
            case SUCCESS -> new ParticipantResponse(delay, ReplyOutcome.SUCCESS, payload.make(command, codec), null,
                    null);
            case FAILURE -> new ParticipantResponse(delay, ReplyOutcome.FAILURE, null, reason, errorCode);
            case NONE -> null;
        };
        return response == null ? List.of() : new ArrayList<>(Collections.nCopies(copies, response));
    }

    @Override
    public String toString() {
        String what = switch (kind) {
            case SUCCESS -> "success";
            case FAILURE -> errorCode == null ? "failure(" + reason + ")" : "error(" + errorCode + ", " + reason + ")";
            case NONE -> "never";
        };
        return what + (delay.isZero() ? "" : " after " + delay) + (copies > 1 ? " x" + copies : "")
                + (times > 1 ? " for " + times + " commands" : "");
    }
}
