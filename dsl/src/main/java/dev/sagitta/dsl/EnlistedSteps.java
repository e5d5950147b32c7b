package dev.sagitta.dsl;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * How the steps of an open saga behave. An open saga has no steps of its own: its work is done
 * outside the engine (by a Camel route, a service call, a person), and each piece of done work is
 * enlisted while the saga runs, with what undoes it and, optionally, what confirms it once the
 * saga is closed. Closing the saga runs the confirmations in reverse order; cancelling it (or its
 * deadline passing) runs the compensations in reverse order.
 *
 * <p>Enlisted step {@code n} (counting from 1) appears in the saga as two steps:
 * <ul>
 *   <li>{@code step-n}: compensatable, already succeeded when enlisted; its compensation runs the
 *       {@link EnlistedStepsBuilder#compensation compensation} function;</li>
 *   <li>{@code step-n.complete}, only if it was enlisted with a completion: retriable, pending until
 *       the saga is closed; it runs the {@link EnlistedStepsBuilder#completion completion} function.</li>
 * </ul>
 * Both functions receive the saga data and a {@link StepContext} whose {@link StepContext#stepName()}
 * names the step, so they find what that step enlisted in the data.
 *
 * <p>Immutable and thread-safe (the step definitions it derives are cached). Built by
 * {@link SagaDefinitionBuilder#enlistedSteps}.
 *
 * @param <D> the saga data type
 */
public final class EnlistedSteps<D> {

    /** The name of enlisted step {@code n}'s compensatable part: {@code step-n}. */
    public static String stepName(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("enlisted steps count from 1, was " + n);
        }
        return "step-" + n;
    }

    /** The name of enlisted step {@code n}'s completion: {@code step-n.complete}. */
    public static String completionName(int n) {
        return stepName(n) + COMPLETION_SUFFIX;
    }

    /** The enlisted step number in a step name, or 0 if the name is not an enlisted step's. */
    public static int numberOf(String stepName) {
        Matcher matcher = NAME.matcher(stepName);
        return matcher.matches() ? Integer.parseInt(matcher.group(1)) : 0;
    }

    /** True if {@code stepName} names an enlisted step's completion. */
    public static boolean isCompletion(String stepName) {
        return numberOf(stepName) > 0 && stepName.endsWith(COMPLETION_SUFFIX);
    }

    private static final String COMPLETION_SUFFIX = ".complete";
    private static final Pattern NAME = Pattern.compile("step-([1-9][0-9]{0,8})(\\.complete)?");
    private static final LocalAction<Object> NOTHING_TO_RUN = (data, context) -> {
        throw new IllegalStateException("step " + context.stepName() + " of saga " + context.sagaId()
                + " was done outside the engine when it was enlisted: there is nothing to run again");
    };

    private final String sagaName;
    private final @Nullable LocalAction<D> completion;
    private final @Nullable LocalAction<D> compensation;
    private final Duration callTimeout;
    private final RetryPolicy completionRetry;
    private final RetryPolicy compensationRetry;
    private final ConcurrentMap<String, StepDefinition<D>> derived = new ConcurrentHashMap<>();

    EnlistedSteps(String sagaName, @Nullable LocalAction<D> completion, @Nullable LocalAction<D> compensation,
            Duration callTimeout, RetryPolicy completionRetry, RetryPolicy compensationRetry) {
        this.sagaName = sagaName;
        this.completion = completion;
        this.compensation = compensation;
        this.callTimeout = callTimeout;
        this.completionRetry = completionRetry;
        this.compensationRetry = compensationRetry;
    }

    /** The lease of one completion or compensation call: after it, the call is made again. */
    public Duration callTimeout() {
        return callTimeout;
    }

    /** How a failed completion call is retried; when it runs out, the saga is FAILED. */
    public RetryPolicy completionRetry() {
        return completionRetry;
    }

    /** How a failed compensation call is retried; when it runs out, the saga is FAILED. */
    public RetryPolicy compensationRetry() {
        return compensationRetry;
    }

    /** The definition of an enlisted step, or null if {@code stepName} is not an enlisted step's name. */
    @Nullable StepDefinition<D> definitionOf(String stepName) {
        if (numberOf(stepName) == 0) {
            return null;
        }
        return derived.computeIfAbsent(stepName, this::derive);
    }

    @SuppressWarnings("unchecked")
    private StepDefinition<D> derive(String stepName) {
        StepBuilder<D> builder = new StepBuilder<D>(sagaName, stepName).timeout(callTimeout);
        if (isCompletion(stepName)) {
            builder.local(Objects.requireNonNullElse(completion, (data, context) -> data)).retriable()
                    .retry(completionRetry);
        } else {
            builder.local((LocalAction<D>) NOTHING_TO_RUN)
                    .compensateLocally(Objects.requireNonNullElse(compensation, (data, context) -> data))
                    .compensationRetry(compensationRetry);
        }
        return builder.build();
    }
}
