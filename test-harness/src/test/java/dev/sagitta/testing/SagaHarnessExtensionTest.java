package dev.sagitta.testing;

import static dev.sagitta.testing.ShopSaga.PAYMENTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.sagitta.dsl.SagaDefinition;
import dev.sagitta.engine.SagaHandle;
import dev.sagitta.testing.ShopSaga.Order;
import dev.sagitta.testing.ShopSaga.Points;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

class SagaHarnessExtensionTest {

    private static final SagaDefinition<Order> SHOP = ShopSaga.definition(new Points(true));
    private static final List<SagaTestHarness> HARNESSES_SEEN = new ArrayList<>();

    @RegisterExtension
    final SagaHarnessExtension sagas = SagaHarnessExtension.with(() -> ShopSaga.happyWorld(SHOP));

    @Test
    void each_test_gets_its_own_harness_as_a_parameter_and_through_the_extension(SagaTestHarness harness) {
        assertThat(harness).isSameAs(sagas.harness());
        SagaHandle order = harness.startSaga(SHOP, Order.of("book"));

        harness.assertThatSaga(order.id()).isCompleted();
        synchronized (HARNESSES_SEEN) {
            assertThat(HARNESSES_SEEN).doesNotContain(harness);
            HARNESSES_SEEN.add(harness);
        }
    }

    @Test
    void a_second_test_starts_from_an_empty_store(SagaTestHarness harness) {
        assertThat(harness.store().unfinishedSagaIds(10)).isEmpty();
        assertThat(harness.startedSagaIds()).isEmpty();
        synchronized (HARNESSES_SEEN) {
            assertThat(HARNESSES_SEEN).doesNotContain(harness);
            HARNESSES_SEEN.add(harness);
        }
    }

    @Test
    void a_failing_test_reports_the_fault_plan_and_the_timelines_of_its_sagas() {
        TestExecutionSummary summary = run(FailingScenario.class);

        assertThat(summary.getTotalFailureCount()).isEqualTo(1);
        Throwable failure = summary.getFailures().get(0).getException();
        assertThat(failure).hasMessageContaining("expected saga id-1 to be COMPLETED but it is COMPENSATED");
        assertThat(failure.getSuppressed()).singleElement().satisfies(run -> assertThat(run.getMessage())
                .contains("fault plan: seed 0, no message faults, no crash")
                .contains("saga id-1: COMPENSATED")
                .contains("STEP_COMPENSATED")
                .contains("reserve#1"));
    }

    private static TestExecutionSummary run(Class<?> testClass) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(testClass))
                .configurationParameter(LaunchedFromTest.PARAMETER, "true")
                .build();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(request, listener);
        return listener.getSummary();
    }

    /** Keeps a fixture whose tests fail on purpose from running unless a test launches it. */
    static final class LaunchedFromTest implements ExecutionCondition {
        static final String PARAMETER = "sagitta.launched-from-test";

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(PARAMETER).isPresent()
                    ? ConditionEvaluationResult.enabled("launched by SagaHarnessExtensionTest")
                    : ConditionEvaluationResult.disabled("a fixture of SagaHarnessExtensionTest, which runs it itself");
        }
    }

    /** Run only by the test above: its one test fails on purpose. */
    @ExtendWith(LaunchedFromTest.class)
    static class FailingScenario {

        @RegisterExtension
        final SagaHarnessExtension sagas = SagaHarnessExtension.with(() -> ShopSaga.worldWhere(SHOP, Map.of(
                PAYMENTS, payments -> payments.on("shop.payment.charge", Reply.failure("card declined")))));

        @Test
        void expects_a_completed_order_although_the_card_is_declined(SagaTestHarness harness) {
            SagaHandle order = harness.startSaga(SHOP, Order.of("book"));
            harness.assertThatSaga(order.id()).isCompleted();
        }
    }
}
