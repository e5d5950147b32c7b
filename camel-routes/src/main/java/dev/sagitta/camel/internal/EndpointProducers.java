package dev.sagitta.camel.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.Message;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.support.CamelContextHelper;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.support.service.ServiceSupport;

/**
 * Sends one-way messages to endpoints by URI, through one started {@link AsyncProducer} per URI.
 * A send completes when the endpoint has accepted the message (for {@code seda:}, when it is queued;
 * for a broker, when the broker acknowledged it), without holding a thread meanwhile.
 *
 * <p>Thread-safe. A Camel service: register it with the context so that stopping the context stops
 * its producers.
 */
public final class EndpointProducers extends ServiceSupport {

    private final CamelContext context;
    private final ConcurrentMap<String, AsyncProducer> producers = new ConcurrentHashMap<>();

    public EndpointProducers(CamelContext context) {
        this.context = Arguments.requireNonNull(context, "context");
    }

    /**
     * Sends an in-only message that {@code writer} fills in. The future fails if the endpoint cannot
     * be resolved or refuses the message (for example a full {@code seda:} queue).
     */
    public CompletableFuture<Void> send(String endpointUri, Consumer<Message> writer) {
        CompletableFuture<Void> accepted = new CompletableFuture<>();
        try {
            if (!isStarted()) {
                throw new IllegalStateException("cannot send to " + endpointUri + ": producers are not running");
            }
            AsyncProducer producer = producers.computeIfAbsent(endpointUri, this::startProducer);
            Exchange exchange = producer.getEndpoint().createExchange(ExchangePattern.InOnly);
            writer.accept(exchange.getIn());
            producer.process(exchange, doneSync -> {
                Exception failure = exchange.getException();
                if (failure == null) {
                    accepted.complete(null);
                } else {
                    accepted.completeExceptionally(failure);
                }
            });
        } catch (RuntimeException e) {
            accepted.completeExceptionally(e);
        }
        return accepted;
    }

    private AsyncProducer startProducer(String endpointUri) {
        Endpoint endpoint = CamelContextHelper.getMandatoryEndpoint(context, endpointUri);
        try {
            AsyncProducer producer = endpoint.createAsyncProducer();
            ServiceHelper.startService(producer);
            return producer;
        } catch (Exception e) {
            throw RuntimeCamelException.wrapRuntimeCamelException(e);
        }
    }

    @Override
    protected void doStop() {
        ServiceHelper.stopService(producers.values());
        producers.clear();
    }
}
