package dev.sagitta.dsl;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The rules a whole definition must follow; each failure names the step and the fix. */
final class DefinitionValidator<D> {

    private final String sagaName;
    private final List<Stage<D>> stages;

    DefinitionValidator(String sagaName, List<Stage<D>> stages) {
        this.sagaName = sagaName;
        this.stages = stages;
    }

    void validate() {
        if (stages.isEmpty()) {
            throw fail("Saga '" + sagaName + "' has no steps: add at least one with step(name, s -> ...)");
        }
        Set<String> names = new HashSet<>();
        Set<String> groups = new HashSet<>();
        @Nullable String pointOfNoReturn = null;
        for (Stage<D> stage : stages) {
            String group = stage.parallelGroup();
            if (group != null && (!groups.add(group) || names.contains(group))) {
                throw fail("Parallel group '" + group + "' of saga '" + sagaName
                        + "' has the name of another group or step: give each group a unique name");
            }
            if (stage.steps().isEmpty()) {
                throw fail("Parallel group '" + stage.parallelGroup() + "' of saga '" + sagaName
                        + "' has no steps: add them with step(name, s -> ...) or remove the group");
            }
            for (StepDefinition<D> step : stage.steps()) {
                if (!names.add(step.name())) {
                    throw fail(step, "is defined twice: give each step a unique name");
                }
                checkCompensation(step);
                if (stage.isParallel() && step.role() != StepRole.COMPENSATABLE) {
                    throw fail(step, "is " + role(step) + " inside parallel group '" + stage.parallelGroup()
                            + "': a parallel group holds compensatable steps only; move it out of the group");
                }
                if (pointOfNoReturn != null && step.role() != StepRole.RETRIABLE) {
                    throw fail(step, "is " + role(step) + " but comes after '" + pointOfNoReturn
                            + "', which cannot be undone: steps after the pivot must be retriable; mark it retriable()"
                            + " or move it before '" + pointOfNoReturn + "'");
                }
            }
            for (StepDefinition<D> step : stage.steps()) {
                if (groups.contains(step.name())) {
                    throw fail(step, "has the name of a parallel group: give steps and groups different names");
                }
                if (step.role() != StepRole.COMPENSATABLE && pointOfNoReturn == null) {
                    pointOfNoReturn = step.name();
                }
            }
        }
    }

    private void checkCompensation(StepDefinition<D> step) {
        if (step.role() == StepRole.COMPENSATABLE && step.compensation() == null) {
            throw fail(step, "is compensatable but has no compensation: add compensateWith(participant, commandType,"
                    + " command) or compensateLocally(function), or mark it pivot() or retriable()");
        }
        if (step.role() != StepRole.COMPENSATABLE && step.compensation() != null) {
            throw fail(step, "is " + role(step) + " and so is never compensated, but has a compensation:"
                    + " remove the compensation or drop " + role(step) + "()");
        }
    }

    private static String role(StepDefinition<?> step) {
        return step.role().name().toLowerCase(java.util.Locale.ROOT);
    }

    private SagaDefinitionException fail(StepDefinition<D> step, String problem) {
        return fail("Step '" + step.name() + "' of saga '" + sagaName + "' " + problem);
    }

    private static SagaDefinitionException fail(String message) {
        return new SagaDefinitionException(message);
    }
}
