package dev.sagitta.camel;

import dev.sagitta.camel.internal.Arguments;
import dev.sagitta.camel.internal.EndpointProducers;
import dev.sagitta.camel.internal.PartitionKeyHeaders;
import dev.sagitta.camel.internal.ReplyRoute;
import dev.sagitta.engine.SagaException;
import dev.sagitta.engine.spi.CommandMessage;
import dev.sagitta.engine.spi.CommandTransport;
import dev.sagitta.engine.spi.ReplySink;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.service.ServiceHelper;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link CommandTransport} over Apache Camel: each command goes to its participant's endpoint, and
 * a route consumes the reply endpoint and hands every reply to the engine. Any Camel endpoint URI
 * works; the defaults are in-JVM {@code seda:} queues ({@link SagittaEndpoints}).
 *
 * <pre>{@code
 * CamelCommandTransport transport = CamelCommandTransport.builder()
 *         .participant("payment-service", "seda:payments?size=5000")
 *         .build();
 * transport.camelContext().addRoutes(ParticipantRoute.builder("hotel-service", hotel::handle).build());
 * }</pre>
 *
 * <p><b>Sending.</b> A command goes to the endpoint given for its participant with
 * {@link Builder#participant}, otherwise to the participant endpoint pattern
 * ({@code seda:sagitta.commands.<participant>} by default). It carries where to reply in its
 * {@link SagittaHeaders#REPLY_TO} header: {@link Builder#replyTo}, by default the reply endpoint. The stage of {@link #send} completes when Camel has accepted
 * the message: for {@code seda:} when it is queued, for a broker when the broker acknowledged it.
 *
 * <p><b>Receiving.</b> {@link #start} adds the route {@value #REPLY_ROUTE_ID}, which consumes the
 * reply endpoint ({@code seda:sagitta.replies} by default) and finishes each exchange only after the
 * engine's stage for that reply completed, so a broker acknowledges a reply only once it is committed.
 * Replies that cannot be decoded are logged at WARN and dropped.
 *
 * <p><b>Camel context.</b> Without {@link Builder#camelContext}, the transport creates its own,
 * starts it in {@link #start} and stops it in {@link #close}; add participant routes to it through
 * {@link #camelContext()}. A context passed in stays the caller's to start and stop: {@link #start}
 * adds the reply route to it (which runs once the context does) and {@link #close} removes it.
 *
 * <p>Thread-safe: {@link #send} may be called from any number of threads. {@link #start} may be
 * called once; {@link #close} may be called any number of times.
 */
public final class CamelCommandTransport implements CommandTransport {

    /** The id of the route that consumes replies. */
    public static final String REPLY_ROUTE_ID = "sagitta-replies";

    /**
     * Default number of concurrent reply consumers on a {@code seda:} reply endpoint: how many
     * replies can be waiting for, and so share, one engine commit.
     */
    public static final int DEFAULT_REPLY_CONSUMERS = 16;

    private static final Logger LOG = LoggerFactory.getLogger(CamelCommandTransport.class);

    private enum State { NEW, STARTED, CLOSED }

    private final CamelContext context;
    private final boolean ownsContext;
    private final Map<String, String> participantEndpoints;
    private final String participantEndpointPattern;
    private final String replyEndpoint;
    private final String replyTo;
    private final int replyConsumers;
    private final DeadLetterPolicy deadLetters;
    private final EndpointProducers producers;
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);

    private CamelCommandTransport(Builder builder) {
        this.ownsContext = builder.camelContext == null;
        this.context = builder.camelContext != null ? builder.camelContext : new DefaultCamelContext();
        this.participantEndpoints = Map.copyOf(builder.participantEndpoints);
        this.participantEndpointPattern = builder.participantEndpointPattern;
        this.replyEndpoint = builder.replyEndpoint;
        this.replyTo = builder.replyTo != null ? builder.replyTo : builder.replyEndpoint;
        this.replyConsumers = builder.replyConsumers;
        this.deadLetters = builder.deadLetters;
        this.producers = new EndpointProducers(context);
    }

    /** A builder with the defaults: own Camel context, {@code seda:} endpoints, 16 reply consumers. */
    public static Builder builder() {
        return new Builder();
    }

    /** The Camel context the transport runs in: the one given to the builder, or its own. */
    public CamelContext camelContext() {
        return context;
    }

    /** Where commands for {@code participant} go. */
    public String commandEndpoint(String participant) {
        Arguments.requireText(participant, "participant");
        String configured = participantEndpoints.get(participant);
        return configured != null
                ? configured
                : SagittaEndpoints.commandEndpoint(participantEndpointPattern, participant);
    }

    /** Where the transport consumes replies. */
    public String replyEndpoint() {
        return replyEndpoint;
    }

    /** Where participants send replies: every command's reply-to header. */
    public String replyTo() {
        return replyTo;
    }

    @Override
    public void start(ReplySink replies) {
        Objects.requireNonNull(replies, "replies");
        if (!state.compareAndSet(State.NEW, State.STARTED)) {
            throw new IllegalStateException("the transport was already started or is closed; start it once");
        }
        try {
            context.addService(producers, true, true);
            context.addRoutes(new ReplyRoute(REPLY_ROUTE_ID, replyEndpoint, replyConsumers, replies, deadLetters,
                    producers));
            if (ownsContext) {
                context.start();
            }
        } catch (Exception e) {
            close();
            throw new SagaException("could not start consuming replies from " + replyEndpoint
                    + "; check the endpoint URI and that its component is on the classpath", e);
        }
    }

    @Override
    public CompletionStage<Void> send(CommandMessage command) {
        Objects.requireNonNull(command, "command");
        State current = state.get();
        if (current != State.STARTED) {
            return CompletableFuture.failedFuture(new IllegalStateException(current == State.NEW
                    ? "the transport is not started yet; call start(ReplySink) first"
                    : "the transport is closed"));
        }
        String endpoint;
        try {
            endpoint = commandEndpoint(command.participant());
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        return producers.send(endpoint, message -> {
            CamelMessageMapper.writeCommand(command, replyTo, message);
            PartitionKeyHeaders.keepOnlyWhatTheBrokerReads(endpoint, message);
        });
    }

    /**
     * Stops consuming replies and sending commands; stops the Camel context too if it is the
     * transport's own. Replies in flight get until Camel's shutdown timeout (45 s by default) for the
     * engine to complete their stages.
     */
    @Override
    public void close() {
        State previous = state.getAndSet(State.CLOSED);
        if (previous == State.CLOSED) {
            return;
        }
        if (ownsContext) {
            context.stop();
            return;
        }
        if (previous == State.STARTED) {
            removeReplyRoute();
            ServiceHelper.stopService(producers);
        }
    }

    private void removeReplyRoute() {
        try {
            if (context.getRoute(REPLY_ROUTE_ID) != null) {
                context.getRouteController().stopRoute(REPLY_ROUTE_ID);
                context.removeRoute(REPLY_ROUTE_ID);
            }
            context.removeService(producers);
        } catch (Exception e) {
            LOG.warn("Could not remove route {} from Camel context {}", REPLY_ROUTE_ID, context.getName(), e);
        }
    }

    /**
     * Configures a {@link CamelCommandTransport}. Every setter checks its argument at once and names it
     * in the exception.
     *
     * <p>Not thread-safe; use it from one thread, then share the built transport.
     */
    public static final class Builder {

        private @Nullable CamelContext camelContext;
        private final Map<String, String> participantEndpoints = new LinkedHashMap<>();
        private String participantEndpointPattern = SagittaEndpoints.DEFAULT_COMMAND_ENDPOINT_PATTERN;
        private String replyEndpoint = SagittaEndpoints.DEFAULT_REPLY_ENDPOINT;
        private @Nullable String replyTo;
        private int replyConsumers = DEFAULT_REPLY_CONSUMERS;
        private DeadLetterPolicy deadLetters = DeadLetterPolicy.logOnly();

        private Builder() {
        }

        /**
         * What becomes of replies that cannot be processed; by default they are logged and dropped
         * ({@link DeadLetterPolicy#logOnly()}). Give it a store, for example
         * {@code DeadLetterPolicy.storingIn(database.deadLetters()).build()}, to keep them for
         * {@link DeadLetterQueue}.
         */
        public Builder deadLetters(DeadLetterPolicy policy) {
            this.deadLetters = Arguments.requireNonNull(policy, "deadLetters");
            return this;
        }

        /**
         * Runs in {@code camelContext}, which the caller starts and stops. Default: a context of the
         * transport's own, started by {@link #start} and stopped by {@link #close}.
         */
        public Builder camelContext(CamelContext camelContext) {
            this.camelContext = Arguments.requireNonNull(camelContext, "camelContext");
            return this;
        }

        /** Sends commands for {@code participant} to {@code endpointUri} instead of the pattern's URI. */
        public Builder participant(String participant, String endpointUri) {
            Arguments.requireText(participant, "participant");
            Arguments.requireEndpointUri(endpointUri, "endpointUri");
            String earlier = participantEndpoints.putIfAbsent(participant, endpointUri);
            if (earlier != null) {
                throw new IllegalArgumentException("participant '" + participant
                        + "' already has endpoint " + earlier + "; give each participant one endpoint");
            }
            return this;
        }

        /**
         * The endpoint URI for participants without one of their own, with
         * {@value SagittaEndpoints#PARTICIPANT_PLACEHOLDER} where the participant's name goes, for
         * example {@code kafka:sagitta.commands.{participant}?brokers=localhost:9092}. Default:
         * {@value SagittaEndpoints#DEFAULT_COMMAND_ENDPOINT_PATTERN}.
         */
        public Builder participantEndpointPattern(String pattern) {
            Arguments.requireEndpointUri(pattern, "pattern");
            if (!pattern.contains(SagittaEndpoints.PARTICIPANT_PLACEHOLDER)) {
                throw new IllegalArgumentException("pattern must contain "
                        + SagittaEndpoints.PARTICIPANT_PLACEHOLDER + ", was '" + pattern + "'");
            }
            this.participantEndpointPattern = pattern;
            return this;
        }

        /**
         * Where the transport consumes replies, and, unless {@link #replyTo} says otherwise, where
         * participants send them (every command's reply-to header). Default:
         * {@value SagittaEndpoints#DEFAULT_REPLY_ENDPOINT}.
         */
        public Builder replyEndpoint(String endpointUri) {
            this.replyEndpoint = Arguments.requireEndpointUri(endpointUri, "endpointUri");
            return this;
        }

        /**
         * The endpoint URI participants send replies to, put in every command's reply-to header, when
         * it should differ from {@link #replyEndpoint}: that URI carries the consumer's options (and
         * any credentials in it) into every command, where a participant needs only what a producer
         * uses. It must reach the reply endpoint, for example
         * {@link BrokerEndpoints#rabbitMqReplyTo} beside {@link BrokerEndpoints#rabbitMq}. Default: the
         * reply endpoint.
         */
        public Builder replyTo(String endpointUri) {
            this.replyTo = Arguments.requireEndpointUri(endpointUri, "endpointUri");
            return this;
        }

        /**
         * How many replies the transport hands to the engine at once on a {@code seda:} reply
         * endpoint whose URI does not set {@code concurrentConsumers}. Each consumer waits until the
         * engine has committed its reply, and the engine commits replies of many sagas together, so
         * more consumers mean fuller commits. Other components take their own option in the URI (for
         * example Kafka's {@code consumersCount}). Default: {@value CamelCommandTransport#DEFAULT_REPLY_CONSUMERS}.
         */
        public Builder replyConsumers(int consumers) {
            if (consumers < 1) {
                throw new IllegalArgumentException("consumers must be at least 1, was " + consumers);
            }
            this.replyConsumers = consumers;
            return this;
        }

        /**
         * Reads endpoints from properties (for example {@code application.properties} or the
         * environment mapped to it):
         *
         * <ul>
         *   <li>{@code sagitta.participants.<participant>.endpoint}: as {@link #participant};</li>
         *   <li>{@code sagitta.participants.endpoint-pattern}: as {@link #participantEndpointPattern};</li>
         *   <li>{@code sagitta.replies.endpoint}: as {@link #replyEndpoint};</li>
         *   <li>{@code sagitta.replies.reply-to}: as {@link #replyTo};</li>
         *   <li>{@code sagitta.replies.consumers}: as {@link #replyConsumers}.</li>
         * </ul>
         *
         * Other keys are ignored; a bad value fails here, naming its key.
         */
        public Builder properties(Map<?, ?> properties) {
            Arguments.requireNonNull(properties, "properties");
            for (Map.Entry<?, ?> entry : new TreeMap<>(stringKeys(properties)).entrySet()) {
                String key = String.valueOf(entry.getKey());
                String value = String.valueOf(entry.getValue()).strip();
                try {
                    applyProperty(key, value);
                } catch (IllegalArgumentException bad) {
                    throw new IllegalArgumentException("property " + key + ": " + bad.getMessage(), bad);
                }
            }
            return this;
        }

        private void applyProperty(String key, String value) {
            String participants = "sagitta.participants.";
            if (key.equals(participants + "endpoint-pattern")) {
                participantEndpointPattern(value);
            } else if (key.startsWith(participants) && key.endsWith(".endpoint")) {
                participant(key.substring(participants.length(), key.length() - ".endpoint".length()), value);
            } else if (key.equals("sagitta.replies.endpoint")) {
                replyEndpoint(value);
            } else if (key.equals("sagitta.replies.reply-to")) {
                replyTo(value);
            } else if (key.equals("sagitta.replies.consumers")) {
                try {
                    replyConsumers(Integer.parseInt(value));
                } catch (NumberFormatException notANumber) {
                    throw new IllegalArgumentException("expected a whole number, was '" + value + "'");
                }
            }
        }

        private static Map<String, Object> stringKeys(Map<?, ?> properties) {
            Map<String, Object> keyed = new LinkedHashMap<>();
            properties.forEach((key, value) -> keyed.put(String.valueOf(key), value));
            return keyed;
        }

        public CamelCommandTransport build() {
            return new CamelCommandTransport(this);
        }
    }
}
