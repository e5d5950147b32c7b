package dev.sagitta.testing;

import dev.sagitta.engine.SagaStatus;
import dev.sagitta.engine.SagaView;
import dev.sagitta.engine.StepStatus;
import dev.sagitta.engine.StepView;
import dev.sagitta.engine.TimelineEntry;
import java.util.List;
import java.util.function.Consumer;
import org.assertj.core.api.AbstractObjectAssert;
import org.assertj.core.api.Assertions;

/**
 * AssertJ checks of a saga as it stood when the assertion was made, written as the scenario reads:
 *
 * <pre>{@code
 * harness.assertThatSaga(trip.id())
 *     .isCompensated()
 *     .ranSteps("reserve-hotel", "reserve-flight")
 *     .compensatedSteps("reserve-flight", "reserve-hotel")
 *     .hasDataSatisfying(Trip.class, trip -> assertThat(trip.hotel()).isNull());
 * }</pre>
 *
 * <p>A failure message carries the saga's timeline. Not thread-safe (it checks one immutable view).
 */
public final class SagaAssert extends AbstractObjectAssert<SagaAssert, SagaView> {

    public SagaAssert(SagaView actual) {
        super(actual, SagaAssert.class);
    }

    /** Starts checks of a view got elsewhere, for example from {@code SagaEngine.find}. */
    public static SagaAssert assertThatSaga(SagaView saga) {
        return new SagaAssert(saga);
    }

    public SagaAssert hasStatus(SagaStatus expected) {
        isNotNull();
        if (actual.status() != expected) {
            failWithMessage("expected saga %s to be %s but it is %s%s%n%s", actual.sagaId(), expected,
                    actual.status(), actual.reason() == null ? "" : " (" + actual.reason() + ")", actual.timelineText());
        }
        return this;
    }

    public SagaAssert isCompleted() {
        return hasStatus(SagaStatus.COMPLETED);
    }

    public SagaAssert isCompensated() {
        return hasStatus(SagaStatus.COMPENSATED);
    }

    public SagaAssert isFailed() {
        return hasStatus(SagaStatus.FAILED);
    }

    public SagaAssert isResolved() {
        return hasStatus(SagaStatus.RESOLVED);
    }

    /** Not finished, with a wake-up set: it waits for a reply, a timer or a retry. */
    public SagaAssert isWaiting() {
        isNotNull();
        if (actual.status().isTerminal() || actual.wakeAt() == null) {
            failWithMessage("expected saga %s to wait with a wake-up but it is %s (wake-up %s)%n%s", actual.sagaId(),
                    actual.status(), actual.wakeAt(), actual.timelineText());
        }
        return this;
    }

    /** The steps that succeeded, exactly these and in this order. */
    public SagaAssert ranSteps(String... steps) {
        return timelineSteps("STEP_SUCCEEDED", "succeeded", steps);
    }

    /** The steps that were compensated, exactly these and in this order. */
    public SagaAssert compensatedSteps(String... steps) {
        return timelineSteps("STEP_COMPENSATED", "were compensated", steps);
    }

    /** Nothing was compensated. */
    public SagaAssert compensatedNothing() {
        return compensatedSteps();
    }

    public SagaAssert hasStep(String step, StepStatus expected) {
        isNotNull();
        StepView view = actual.step(step).orElse(null);
        if (view == null) {
            failWithMessage("saga %s has no step '%s'; its steps are %s", actual.sagaId(), step,
                    actual.steps().stream().map(StepView::name).toList());
        } else if (view.status() != expected) {
            failWithMessage("expected step '%s' of saga %s to be %s but it is %s%s%n%s", step, actual.sagaId(), expected,
                    view.status(), view.lastError() == null ? "" : " (" + view.lastError() + ")", actual.timelineText());
        }
        return this;
    }

    /** The saga's data, read as {@code type}, satisfies the given checks. */
    public <D> SagaAssert hasDataSatisfying(Class<D> type, Consumer<D> checks) {
        isNotNull();
        checks.accept(actual.data(type));
        return this;
    }

    /** The saga's data, read as {@code type}, equals {@code expected}. */
    public <D> SagaAssert hasData(Class<D> type, D expected) {
        isNotNull();
        Assertions.assertThat(actual.data(type)).as("data of saga %s", actual.sagaId()).isEqualTo(expected);
        return this;
    }

    private SagaAssert timelineSteps(String kind, String verb, String... expected) {
        isNotNull();
        List<String> steps = actual.timeline().stream()
                .filter(entry -> entry.kind().equals(kind))
                .map(TimelineEntry::step)
                .toList();
        if (!steps.equals(List.of(expected))) {
            failWithMessage("expected these steps of saga %s to have %s, in order: %s%nbut these did: %s%n%s",
                    actual.sagaId(), verb, List.of(expected), steps, actual.timelineText());
        }
        return this;
    }
}
