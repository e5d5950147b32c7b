package dev.sagitta.camel.internal;

import dev.sagitta.camel.DeadLetterPolicy;
import dev.sagitta.engine.spi.ReplySink;
import java.util.Locale;
import org.apache.camel.builder.RouteBuilder;

/**
 * The route that consumes the reply endpoint and hands each reply to the engine through
 * {@link ReplyHandoff}.
 *
 * <p>Immutable; Camel calls {@link #configure()} once when the route is added.
 */
public final class ReplyRoute extends RouteBuilder {

    private final String routeId;
    private final String consumerUri;
    private final String replyEndpoint;
    private final ReplySink sink;
    private final DeadLetterPolicy deadLetters;
    private final EndpointProducers producers;

    /**
     * @param routeId       the route's id
     * @param replyEndpoint the endpoint participants send replies to
     * @param consumers     how many replies to hand to the engine at once, for {@code seda:} endpoints
     *                      whose URI does not say; other components take their own option in the URI
     * @param sink          where replies go
     * @param deadLetters   what becomes of replies that cannot be processed
     * @param producers     the transport's producers, which send copies to a dead-letter endpoint
     */
    public ReplyRoute(String routeId, String replyEndpoint, int consumers, ReplySink sink,
            DeadLetterPolicy deadLetters, EndpointProducers producers) {
        this.routeId = Arguments.requireText(routeId, "routeId");
        this.consumerUri = consumerUri(Arguments.requireEndpointUri(replyEndpoint, "replyEndpoint"), consumers);
        this.sink = Arguments.requireNonNull(sink, "sink");
        this.deadLetters = Arguments.requireNonNull(deadLetters, "deadLetters");
        this.producers = Arguments.requireNonNull(producers, "producers");
        this.replyEndpoint = replyEndpoint;
    }

    /**
     * The URI to consume {@code replyEndpoint} from. For {@code seda:} it adds
     * {@code concurrentConsumers}: each consumer holds one reply until the engine has committed it
     * (see {@link ReplyHandoff}), and the engine commits the replies of many sagas in one transaction,
     * so the number of consumers is how many replies can share a commit. seda's default of one
     * consumer would make every reply wait for its own commit. Producers keep sending to the plain
     * URI: seda endpoints with the same name share one queue whatever their options.
     */
    static String consumerUri(String replyEndpoint, int consumers) {
        boolean seda = replyEndpoint.toLowerCase(Locale.ROOT).startsWith("seda:");
        if (!seda || replyEndpoint.contains("concurrentConsumers=")) {
            return replyEndpoint;
        }
        String separator = replyEndpoint.contains("?") ? "&" : "?";
        return replyEndpoint + separator + "concurrentConsumers=" + consumers;
    }

    public String consumerUri() {
        return consumerUri;
    }

    @Override
    public void configure() {
        // A retried dead letter goes back to the endpoint participants send to, not to the consumer URI.
        DeadLetterWriter writer = new DeadLetterWriter(deadLetters, replyEndpoint, producers);
        from(consumerUri).routeId(routeId).process(new ReplyHandoff(sink, writer)).process(new KafkaOffsetCommit());
    }
}
