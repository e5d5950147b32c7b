package dev.sagitta.camel.saga;

import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * Calls a step's completion or compensation endpoint as Camel's saga services do: a new exchange
 * carrying the saga id in the {@code Long-Running-Action} header and the step's options as headers,
 * plus the step's name in {@link CamelRouteSagas#STEP_HEADER}.
 * Thread-safe (a {@link ProducerTemplate} is).
 */
final class EndpointCaller implements AutoCloseable {

    private final CamelContext camel;
    private final ProducerTemplate template;

    EndpointCaller(CamelContext camel) {
        this.camel = camel;
        this.template = camel.createProducerTemplate();
    }

    CamelContext camelContext() {
        return camel;
    }

    /** Calls {@code uri} for step {@code step}; throws what the endpoint's route threw, so the call is retried. */
    void call(String sagaId, String step, String uri, Map<String, Object> options) throws Exception {
        Endpoint endpoint = camel.getEndpoint(uri);
        Exchange exchange = endpoint.createExchange();
        options.forEach(exchange.getMessage()::setHeader);
        exchange.getMessage().setHeader(Exchange.SAGA_LONG_RUNNING_ACTION, sagaId);
        exchange.getMessage().setHeader(CamelRouteSagas.STEP_HEADER, step);
        Exchange answered = template.send(endpoint, exchange);
        if (answered.getException() != null) {
            throw answered.getException();
        }
    }

    @Override
    public void close() throws Exception {
        template.close();
    }
}
