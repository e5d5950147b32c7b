package dev.sagitta.camel.runner.eip;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.SagaCompletionMode;

/**
 * Routes an application written with Camel's Saga EIP ships to the runner, with the knobs a crash
 * test needs ({@code trip.*} properties):
 *
 * <ul>
 *   <li>{@code trip.sagas}: how many trips to book once the routes start (0: none);</li>
 *   <li>{@code trip.mode}: {@code fail} (the booking fails after the hotel: both steps are
 *       compensated), {@code ok} (it succeeds: both are completed) or {@code open} (a manual saga with
 *       a {@code trip.timeout} that nothing completes);</li>
 *   <li>{@code trip.hang-calls}: the completion and compensation endpoints hang before doing anything,
 *       as a process that dies before it made those calls;</li>
 *   <li>{@code trip.calls-url}: the JDBC URL of the table {@code endpoint_call}, where each endpoint
 *       records each call it handled (no unique key: a call made twice shows twice).</li>
 * </ul>
 */
public final class TripSagaRoutes extends RouteBuilder {

    @Override
    public void configure() {
        int sagas = Integer.parseInt(property("trip.sagas", "0"));
        String mode = property("trip.mode", "ok");
        boolean hang = Boolean.parseBoolean(property("trip.hang-calls", "false"));
        String callsUrl = property("trip.calls-url", "");
        Duration timeout = Duration.parse(property("trip.timeout", "PT5S"));

        from("direct:book-fail").saga()
                .compensation("direct:undo-trip").option("trip", header("trip"))
                .to("direct:book-hotel")
                .throwException(new IllegalStateException("no flight left"));
        from("direct:book-ok").saga()
                .completion("direct:confirm-trip").option("trip", header("trip"))
                .to("direct:book-hotel");
        from("direct:book-open").saga().completionMode(SagaCompletionMode.MANUAL).timeout(timeout)
                .compensation("direct:undo-trip").option("trip", header("trip"))
                .to("direct:book-hotel");
        from("direct:book-hotel").saga()
                .compensation("direct:undo-hotel").completion("direct:confirm-hotel").option("trip", header("trip"))
                .log("hotel booked for trip ${header.trip}");

        for (String endpoint : new String[] {"undo-trip", "undo-hotel", "confirm-trip", "confirm-hotel"}) {
            from("direct:" + endpoint).process(exchange -> {
                if (hang) {
                    new CountDownLatch(1).await();
                }
                record(callsUrl, exchange, endpoint);
            });
        }

        if (sagas > 0) {
            from("timer:book-trips?repeatCount=1&delay=200").process(exchange -> {
                ProducerTemplate template = exchange.getContext().createProducerTemplate();
                for (int trip = 1; trip <= sagas; trip++) {
                    template.asyncRequestBodyAndHeader("direct:book-" + mode, "", "trip", trip);
                }
            });
        }
    }

    private String property(String key, String otherwise) {
        return getContext().getPropertiesComponent().resolveProperty(key).orElse(otherwise);
    }

    private static void record(String url, Exchange exchange, String endpoint) throws Exception {
        try (Connection connection = DriverManager.getConnection(url);
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO endpoint_call (saga_id, endpoint, trip) VALUES (?, ?, ?)")) {
            insert.setString(1, exchange.getMessage().getHeader(Exchange.SAGA_LONG_RUNNING_ACTION, String.class));
            insert.setString(2, endpoint);
            insert.setInt(3, exchange.getMessage().getHeader("trip", Integer.class));
            insert.executeUpdate();
        }
    }
}
