package dev.sagitta.testing;

import dev.sagitta.engine.spi.CommandMessage;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.AbstractListAssert;
import org.assertj.core.api.ObjectAssert;

/**
 * AssertJ checks of the commands the harness's broker carried to one participant, in order:
 *
 * <pre>{@code
 * harness.assertThatCommandsTo("hotel-service").hasTypes("trip.hotel.reserve", "trip.hotel.release");
 * }</pre>
 *
 * <p>The usual list assertions work too. Not thread-safe (it checks one immutable list).
 */
public final class CommandsAssert
        extends AbstractListAssert<CommandsAssert, List<CommandMessage>, CommandMessage, ObjectAssert<CommandMessage>> {

    private final String participant;

    CommandsAssert(String participant, List<CommandMessage> commands) {
        super(commands, CommandsAssert.class);
        this.participant = participant;
    }

    /** The commands' types, exactly these and in this order (retries and compensations included). */
    public CommandsAssert hasTypes(String... types) {
        isNotNull();
        List<String> actualTypes = actual.stream().map(CommandMessage::messageType).toList();
        if (!actualTypes.equals(List.of(types))) {
            failWithMessage("expected commands to %s of types %s but they were %s", participant, List.of(types),
                    actualTypes);
        }
        return this;
    }

    /** The commands that undo a step, by type, exactly these and in this order. */
    public CommandsAssert hasCompensationTypes(String... types) {
        isNotNull();
        List<String> actualTypes = actual.stream().filter(CommandMessage::compensation)
                .map(CommandMessage::messageType).toList();
        if (!actualTypes.equals(List.of(types))) {
            failWithMessage("expected compensations sent to %s of types %s but they were %s", participant,
                    List.of(types), actualTypes);
        }
        return this;
    }

    @Override
    protected ObjectAssert<CommandMessage> toAssert(CommandMessage value, String description) {
        return new ObjectAssert<>(value).as(description);
    }

    @Override
    protected CommandsAssert newAbstractIterableAssert(Iterable<? extends CommandMessage> iterable) {
        List<CommandMessage> commands = new ArrayList<>();
        iterable.forEach(commands::add);
        return new CommandsAssert(participant, commands);
    }
}
