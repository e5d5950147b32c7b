package dev.sagitta.testing;

import dev.sagitta.dsl.SagaDefinition;
import dev.sagitta.dsl.StepDefinition;
import dev.sagitta.engine.SagaStatus;
import dev.sagitta.engine.SagaView;
import dev.sagitta.engine.StepStatus;
import dev.sagitta.engine.StepView;
import dev.sagitta.engine.TimelineEntry;
import dev.sagitta.engine.spi.CommandMessage;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The rules every saga run keeps, whatever the faults; {@link SagaExploration} checks them after
 * every run, and a test may call them directly. Each takes the sagas the harness started:
 *
 * <ul>
 *   <li>{@link #reachesAnEnd()}: each saga is terminal, or waits with a wake-up set that is not
 *       long past;</li>
 *   <li>{@link #appliesEachOutcomeOnce()}: no step succeeds twice or is compensated twice (a reply
 *       applied twice would do that);</li>
 *   <li>{@link #compensatesWhatSucceeded()}: a compensated saga has undone every compensatable step
 *       that succeeded; a completed one has undone nothing;</li>
 *   <li>{@link #participantsTakeEffectOnce()}: at each scripted participant, every step and every
 *       compensation took effect at most once, nothing took effect forward after its compensation,
 *       and what took effect in a compensated saga was undone there.</li>
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class SagaInvariants {

    private SagaInvariants() {
    }

    /** All of the rules above. */
    public static Map<String, SagaInvariant> all() {
        Map<String, SagaInvariant> all = new LinkedHashMap<>();
        all.put("reaches an end", reachesAnEnd());
        all.put("applies each outcome once", appliesEachOutcomeOnce());
        all.put("compensates what succeeded", compensatesWhatSucceeded());
        all.put("participants take effect once", participantsTakeEffectOnce());
        return all;
    }

    public static SagaInvariant reachesAnEnd() {
        return harness -> forEachSaga(harness, saga -> {
            if (saga.status().isTerminal()) {
                return;
            }
            Instant wakeAt = saga.wakeAt();
            if (wakeAt == null) {
                throw violation(saga, "is " + saga.status() + " with no wake-up set: nothing will ever move it");
            }
            // A poll takes every due wake-up (moving it to a lease ahead); one long past was missed.
            if (wakeAt.isBefore(harness.clock().now().minus(harness.pollInterval()))) {
                throw violation(saga, "is " + saga.status() + " with a wake-up at " + wakeAt
                        + " long past, at " + harness.clock().now() + ": the engine is not taking it");
            }
        });
    }

    /** Each saga is terminal: for scenarios that must finish within the time they were given. */
    public static SagaInvariant finishes() {
        return harness -> forEachSaga(harness, saga -> {
            if (!saga.status().isTerminal()) {
                throw violation(saga, "is still " + saga.status() + " at " + harness.clock().now()
                        + (saga.reason() == null ? "" : " (" + saga.reason() + ")"));
            }
        });
    }

    public static SagaInvariant appliesEachOutcomeOnce() {
        return harness -> forEachSaga(harness, saga -> {
            for (String kind : List.of("STEP_SUCCEEDED", "STEP_COMPENSATED")) {
                Map<String, Long> counts = saga.timeline().stream()
                        .filter(entry -> entry.kind().equals(kind) && entry.step() != null)
                        .collect(Collectors.groupingBy(TimelineEntry::step, LinkedHashMap::new, Collectors.counting()));
                counts.forEach((step, count) -> {
                    if (count > 1) {
                        throw violation(saga, "step '" + step + "' has " + count + " " + kind + " entries: an outcome was applied twice");
                    }
                });
            }
        });
    }

    public static SagaInvariant compensatesWhatSucceeded() {
        return harness -> forEachSaga(harness, saga -> {
            Set<String> succeeded = stepsWith(saga, "STEP_SUCCEEDED");
            Set<String> compensated = stepsWith(saga, "STEP_COMPENSATED");
            if (saga.status() == SagaStatus.COMPLETED && !compensated.isEmpty()) {
                throw violation(saga, "completed, yet compensated " + compensated);
            }
            if (saga.status() != SagaStatus.COMPENSATED) {
                return;
            }
            SagaDefinition<?> definition = definitionOf(harness, saga);
            for (StepDefinition<?> step : definition.steps()) {
                if (step.isCompensatable() && succeeded.contains(step.name()) && !compensated.contains(step.name())) {
                    throw violation(saga, "compensated, but step '" + step.name() + "' succeeded and was never compensated");
                }
            }
            for (StepView step : saga.steps()) {
                if (step.status() == StepStatus.SUCCEEDED && definition.step(step.name()).isCompensatable()) {
                    throw violation(saga, "compensated, but step '" + step.name() + "' is still SUCCEEDED");
                }
            }
        });
    }

    public static SagaInvariant participantsTakeEffectOnce() {
        return harness -> {
            Map<String, ScriptedParticipant> appliedAnywhere = new HashMap<>();
            for (ScriptedParticipant participant : harness.scriptedParticipants().values()) {
                Map<String, Integer> applied = new HashMap<>();
                Set<String> compensatedSteps = new HashSet<>();
                for (Delivery delivery : participant.deliveries()) {
                    if (!delivery.tookEffect()) {
                        continue;
                    }
                    CommandMessage command = delivery.command();
                    String step = command.sagaId() + ":" + command.step();
                    int times = applied.merge(command.idempotencyKey(), 1, Integer::sum);
                    appliedAnywhere.put(command.idempotencyKey(), participant);
                    if (times > 1) {
                        throw new AssertionError(participant + ": " + describe(command) + " took effect " + times
                                + " times (message " + command.messageId() + ", attempt " + command.attempt()
                                + "); it must take effect once: deduplicate on the command's idempotency key");
                    }
                    if (command.compensation()) {
                        compensatedSteps.add(step);
                    } else if (compensatedSteps.contains(step)) {
                        throw new AssertionError(participant + ": step '" + command.step() + "' of saga "
                                + command.sagaId() + " took effect after its compensation (message "
                                + command.messageId() + "): refuse forward commands that come after the compensation");
                    }
                }
            }
            forEachSaga(harness, saga -> checkUndone(harness, saga, appliedAnywhere));
        };
    }

    private static void checkUndone(SagaTestHarness harness, SagaView saga, Map<String, ScriptedParticipant> applied) {
        if (saga.status() != SagaStatus.COMPENSATED) {
            return;
        }
        for (StepDefinition<?> step : definitionOf(harness, saga).steps()) {
            String forward = saga.sagaId() + ":" + step.name();
            if (step.isCompensatable() && applied.containsKey(forward) && !applied.containsKey(forward + ":compensation")) {
                throw violation(saga, "compensated, but step '" + step.name() + "' took effect at " + applied.get(forward)
                        + " and its compensation never did");
            }
        }
    }

    private static String describe(CommandMessage command) {
        return (command.compensation() ? "the compensation of step '" : "step '") + command.step() + "' of saga "
                + command.sagaId();
    }

    private static Set<String> stepsWith(SagaView saga, String kind) {
        return saga.timeline().stream()
                .filter(entry -> entry.kind().equals(kind) && entry.step() != null)
                .map(TimelineEntry::step)
                .collect(Collectors.toSet());
    }

    private static SagaDefinition<?> definitionOf(SagaTestHarness harness, SagaView saga) {
        return harness.definition(saga.sagaType(), saga.version()).orElseThrow(() -> new AssertionError(
                "saga " + saga.sagaId() + " runs " + saga.sagaType() + " v" + saga.version()
                        + ", which the harness does not register"));
    }

    private static void forEachSaga(SagaTestHarness harness, Consumer<SagaView> check) {
        for (String sagaId : harness.startedSagaIds()) {
            check.accept(harness.view(sagaId));
        }
    }

    private static AssertionError violation(SagaView saga, String what) {
        return new AssertionError("saga " + saga.sagaId() + " (" + saga.sagaType() + ") " + what);
    }
}
