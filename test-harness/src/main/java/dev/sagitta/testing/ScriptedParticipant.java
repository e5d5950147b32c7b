package dev.sagitta.testing;

import dev.sagitta.engine.spi.Clock;
import dev.sagitta.engine.spi.CommandMessage;
import dev.sagitta.engine.spi.PayloadCodec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A participant that answers as its {@link ParticipantScript} says and keeps a journal of every
 * command it received and what it did with it, so tests and the explorer can check what took
 * effect. Made by the harness from {@code participant(name, script -> ...)}.
 *
 * <p>Meant for one test thread; its methods are synchronized so a stray call cannot corrupt it.
 */
public final class ScriptedParticipant implements Participant {

    private final String name;
    private final Map<String, List<Reply>> answers;
    private final Reply otherwise;
    private final boolean deduplicates;
    private final PayloadCodec codec;
    private final Clock clock;
    private final Map<String, Integer> answered = new HashMap<>();
    private final Map<String, List<ParticipantResponse>> appliedOperations = new HashMap<>();
    private final Map<String, List<ParticipantResponse>> answeredMessages = new HashMap<>();
    private final Set<String> compensatedSteps = new HashSet<>();
    private final List<Delivery> journal = new ArrayList<>();

    ScriptedParticipant(String name, ParticipantScript script, PayloadCodec codec, Clock clock) {
        this.name = name;
        this.answers = script.answers();
        this.otherwise = script.otherwise();
        this.deduplicates = script.deduplicates();
        this.codec = codec;
        this.clock = clock;
    }

    /** A participant answering as {@code setUp} scripts it. */
    static ScriptedParticipant scriptedBy(String name, Consumer<ParticipantScript> setUp, PayloadCodec codec,
            Clock clock) {
        ParticipantScript script = new ParticipantScript();
        setUp.accept(script);
        return new ScriptedParticipant(name, script, codec, clock);
    }

    public String name() {
        return name;
    }

    /** Whether it deduplicates commands (the default). */
    public boolean deduplicates() {
        return deduplicates;
    }

    @Override
    public synchronized List<ParticipantResponse> respond(CommandMessage command) {
        String operation = command.idempotencyKey();
        String step = command.sagaId() + ":" + command.step();
        if (deduplicates) {
            List<ParticipantResponse> earlier = appliedOperations.get(operation);
            if (earlier == null) {
                earlier = answeredMessages.get(command.messageId());
            }
            if (earlier != null) {
                return record(command, Delivery.Handling.DUPLICATE, earlier);
            }
            if (!command.compensation() && compensatedSteps.contains(step)) {
                return record(command, Delivery.Handling.LATE_AFTER_COMPENSATION,
                        List.of(ParticipantResponse.failure("already compensated: " + operation)));
            }
        }
        Reply reply = nextAnswer(command);
        List<ParticipantResponse> responses = reply.responses(command, codec);
        if (reply.takesEffect()) {
            appliedOperations.put(operation, responses);
            if (command.compensation()) {
                compensatedSteps.add(step);
            }
        }
        answeredMessages.put(command.messageId(), responses);
        Delivery.Handling handling = reply.takesEffect() ? Delivery.Handling.APPLIED
                : responses.isEmpty() ? Delivery.Handling.UNANSWERED : Delivery.Handling.REFUSED;
        return record(command, handling, responses);
    }

    private Reply nextAnswer(CommandMessage command) {
        List<Reply> script = answers.get(command.messageType());
        if (script == null) {
            return otherwise;
        }
        String position = command.sagaId() + "|" + command.messageType();
        int index = answered.merge(position, 1, Integer::sum) - 1;
        for (Reply reply : script) {
            if (index < reply.times()) {
                return reply;
            }
            index -= reply.times();
        }
        return script.get(script.size() - 1);
    }

    private List<ParticipantResponse> record(CommandMessage command, Delivery.Handling handling,
            List<ParticipantResponse> responses) {
        journal.add(new Delivery(command, handling, responses, clock.now()));
        return responses;
    }

    /** Every command received, in order, with what was done with it. */
    public synchronized List<Delivery> deliveries() {
        return List.copyOf(journal);
    }

    /** The commands that took effect, in order. */
    public synchronized List<CommandMessage> applied() {
        return journal.stream().filter(Delivery::tookEffect).map(Delivery::command).toList();
    }

    /** How many times a saga's step (or its compensation) took effect here. */
    public synchronized int timesApplied(String sagaId, String step, boolean compensation) {
        return (int) journal.stream()
                .filter(Delivery::tookEffect)
                .map(Delivery::command)
                .filter(c -> c.sagaId().equals(sagaId) && c.step().equals(step) && c.compensation() == compensation)
                .count();
    }

    @Override
    public String toString() {
        return "participant " + name;
    }
}
