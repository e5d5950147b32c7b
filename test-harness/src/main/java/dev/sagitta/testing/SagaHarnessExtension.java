package dev.sagitta.testing;

import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * JUnit 5 extension that gives each test a fresh {@link SagaTestHarness}, as a parameter or through
 * {@link #harness()}. When a test fails, the failure carries the fault plan and the timelines of the
 * sagas the test started, so a failing run can be read and replayed.
 *
 * <pre>{@code
 * @RegisterExtension
 * final SagaHarnessExtension sagas = SagaHarnessExtension.with(() -> SagaTestHarness.builder()
 *         .register(TRIP)
 *         .participant(HOTEL, hotel -> hotel.on("trip.hotel.reserve", Reply.success(new Reserved("H1")))));
 *
 * @Test
 * void books_the_hotel(SagaTestHarness harness) { ... }
 * }</pre>
 *
 * <p>Register it on an instance field (one harness per test) or a static one (still one per test).
 * Tests of one class that run in parallel each get their own harness through the parameter;
 * {@link #harness()} then names the harness of the test running last, so use the parameter.
 */
public final class SagaHarnessExtension
        implements BeforeEachCallback, AfterEachCallback, ParameterResolver, TestExecutionExceptionHandler {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SagaHarnessExtension.class);

    private final Supplier<SagaTestHarness.Builder> world;
    private volatile @Nullable SagaTestHarness current;

    private SagaHarnessExtension(Supplier<SagaTestHarness.Builder> world) {
        this.world = world;
    }

    /** @param world makes the builder of each test's harness: definitions, participants, faults */
    public static SagaHarnessExtension with(Supplier<SagaTestHarness.Builder> world) {
        return new SagaHarnessExtension(Objects.requireNonNull(world, "world"));
    }

    /** The running test's harness. */
    public SagaTestHarness harness() {
        SagaTestHarness harness = current;
        if (harness == null) {
            throw new IllegalStateException("no test is running: the harness exists from before each test to after it");
        }
        return harness;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        SagaTestHarness harness = world.get().build();
        context.getStore(NAMESPACE).put(SagaTestHarness.class, harness);
        current = harness;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        SagaTestHarness harness = context.getStore(NAMESPACE).remove(SagaTestHarness.class, SagaTestHarness.class);
        if (harness != null) {
            harness.engine().close();
        }
        current = null;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == SagaTestHarness.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(NAMESPACE).get(SagaTestHarness.class, SagaTestHarness.class);
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        SagaTestHarness harness = context.getStore(NAMESPACE).get(SagaTestHarness.class, SagaTestHarness.class);
        if (harness != null) {
            failure.addSuppressed(new RunDescription(harness));
        }
        throw failure;
    }

    /** Carries a failed test's run, as a suppressed exception, so reports print it beside the failure. */
    static final class RunDescription extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RunDescription(SagaTestHarness harness) {
            super("the harness at the failure: " + describe(harness), null, false, false);
        }

        private static String describe(SagaTestHarness harness) {
            try {
                return harness.describe();
            } catch (RuntimeException e) {
                return "(could not describe it: " + e + ")";
            }
        }
    }
}
