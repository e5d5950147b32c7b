package dev.sagitta.dsl;

import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Sends a command to a participant and waits for its reply.
 *
 * <p>Immutable. The command factory and reply mapping must be side-effect free: the engine may call
 * them again when it retries.
 *
 * @param participant   the participant's logical name, for example {@code hotel-service}
 * @param commandType   the message type, {@code {module}.{entity}.{action}}, for example {@code trip.hotel.reserve}
 * @param command       builds the command payload (Jackson-serialisable) from the saga data
 * @param replyMapping  applies a success reply to the saga data; {@code null} leaves the data as it is
 * @param <D>           the saga data type
 */
public record RemoteCall<D>(
        String participant,
        String commandType,
        Function<? super D, ?> command,
        @Nullable ReplyMapping<D, ?> replyMapping) implements StepAction<D> {

    public RemoteCall {
        Names.requireName(participant, "participant");
        Names.requireMessageType(commandType, "commandType");
        Objects.requireNonNull(command, "command");
    }

    RemoteCall<D> withReplyMapping(ReplyMapping<D, ?> mapping) {
        return new RemoteCall<>(participant, commandType, command, mapping);
    }

    @Override
    public String describe() {
        return participant + ":" + commandType;
    }
}
