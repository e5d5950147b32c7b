package dev.sagitta.testing;

import dev.sagitta.engine.spi.Clock;
import dev.sagitta.engine.spi.PayloadCodec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The participants a harness is built with, each under its own name: written by hand, or scripted
 * (those keep a journal). Collected by the builder, then connected to the harness's broker. Not
 * thread-safe; used while a harness is configured and built.
 */
final class HarnessParticipants {

    private final List<Named> participants = new ArrayList<>();

    void custom(String name, Participant participant) {
        requireNewName(name);
        participants.add(new Named(name, Objects.requireNonNull(participant, "participant"), null));
    }

    void scripted(String name, Consumer<ParticipantScript> script) {
        requireNewName(name);
        participants.add(new Named(name, null, Objects.requireNonNull(script, "script")));
    }

    /** Connects every participant to {@code broker}; returns the scripted ones by name. */
    Map<String, ScriptedParticipant> connectTo(InMemoryTransport broker, PayloadCodec codec, Clock clock) {
        Map<String, ScriptedParticipant> scripted = new LinkedHashMap<>();
        for (Named named : participants) {
            Participant participant = named.participant();
            if (named.script() != null) {
                participant = scripted.computeIfAbsent(named.name(),
                        name -> ScriptedParticipant.scriptedBy(name, named.script(), codec, clock));
            }
            broker.participant(named.name(), Objects.requireNonNull(participant));
        }
        return scripted;
    }

    private void requireNewName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("participant name must not be blank");
        }
        if (participants.stream().anyMatch(p -> p.name().equals(name))) {
            throw new IllegalArgumentException("participant '" + name + "' is already set up; give each one once");
        }
    }

    private record Named(String name, @Nullable Participant participant, @Nullable Consumer<ParticipantScript> script) {
    }
}
