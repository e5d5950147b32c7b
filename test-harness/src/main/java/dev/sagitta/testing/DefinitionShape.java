package dev.sagitta.testing;

import dev.sagitta.dsl.LocalCall;
import dev.sagitta.dsl.RemoteCall;
import dev.sagitta.dsl.SagaDefinition;
import dev.sagitta.dsl.Stage;
import dev.sagitta.dsl.StepAction;
import dev.sagitta.dsl.StepDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The structure of one version of a saga definition, as in-flight instances depend on it: its
 * steps in order, their stages, roles, and whom they call. Two definitions with the same name and
 * version must have the same shape, or instances started under one cannot go on under the other.
 * Immutable; written into an {@link InFlightRecording} so a later release can compare.
 *
 * @param name     the saga type
 * @param version  the definition version
 * @param dataType the saga data class's name
 * @param steps    the steps, in order
 */
public record DefinitionShape(String name, int version, String dataType, List<StepShape> steps) {

    public DefinitionShape {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dataType, "dataType");
        steps = List.copyOf(steps);
    }

    /**
     * One step's shape.
     *
     * @param name         the step
     * @param stage        its stage's position, from 0 (parallel steps share one)
     * @param role         compensatable, pivot or retriable
     * @param action       {@code participant:commandType -> ReplyType} for a remote step, {@code local} otherwise
     * @param compensation the same for its compensation, or null if it has none
     */
    public record StepShape(String name, int stage, String role, String action, @Nullable String compensation) {
    }

    public static DefinitionShape of(SagaDefinition<?> definition) {
        List<StepShape> steps = new ArrayList<>();
        List<? extends Stage<?>> stages = definition.stages();
        for (int stage = 0; stage < stages.size(); stage++) {
            for (StepDefinition<?> step : stages.get(stage).steps()) {
                steps.add(new StepShape(step.name(), stage, step.role().name(), describe(step.action()),
                        step.compensationAction().map(DefinitionShape::describe).orElse(null)));
            }
        }
        return new DefinitionShape(definition.name(), definition.version(), definition.dataType().getName(), steps);
    }

    /** {@code trip v1}. */
    public String key() {
        return name + " v" + version;
    }

    /** What differs from {@code recorded}, in words; empty if nothing. */
    public List<String> changesFrom(DefinitionShape recorded) {
        List<String> changes = new ArrayList<>();
        if (!dataType.equals(recorded.dataType)) {
            changes.add("its data type was " + recorded.dataType + " and is now " + dataType);
        }
        List<String> before = recorded.steps.stream().map(StepShape::name).toList();
        List<String> now = steps.stream().map(StepShape::name).toList();
        if (!before.equals(now)) {
            changes.add("its steps were " + before + " and are now " + now);
            return changes;
        }
        for (int i = 0; i < steps.size(); i++) {
            StepShape was = recorded.steps.get(i);
            StepShape is = steps.get(i);
            if (!was.equals(is)) {
                changes.add("step '" + is.name() + "' was " + describe(was) + " and is now " + describe(is));
            }
        }
        return changes;
    }

    private static String describe(StepShape step) {
        return step.role().toLowerCase(Locale.ROOT) + " in stage " + step.stage() + ", calling "
                + step.action() + (step.compensation() == null ? "" : ", undone by " + step.compensation());
    }

    private static String describe(StepAction<?> action) {
        if (action instanceof RemoteCall<?> remote) {
            // The reply type counts: replies already on their way are read as it.
            return remote.participant() + ":" + remote.commandType()
                    + (remote.replyMapping() == null ? "" : " -> " + remote.replyMapping().replyType().getName());
        }
        if (action instanceof LocalCall<?>) {
            return "local";
        }
        throw new IllegalArgumentException("unknown step action " + action);
    }
}
