package dev.sagitta.camel;

import dev.sagitta.camel.internal.Arguments;
import dev.sagitta.camel.internal.CommandAnswerer;
import dev.sagitta.camel.internal.DeadLetterWriter;
import dev.sagitta.camel.internal.EndpointProducers;
import dev.sagitta.camel.internal.KafkaOffsetCommit;
import dev.sagitta.engine.spi.Clock;
import dev.sagitta.engine.spi.IdGenerator;
import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.builder.RouteBuilder;
import org.jspecify.annotations.Nullable;

/**
 * A Camel route for an in-JVM participant: it consumes the participant's command endpoint, passes
 * each command to a {@link CommandHandler}, and sends the reply to the endpoint named in the
 * command's {@link SagittaHeaders#REPLY_TO} header. For examples and tests, and for participants
 * that live in the same JVM as the engine.
 *
 * <pre>{@code
 * transport.camelContext().addRoutes(ParticipantRoute.builder("hotel-service", command ->
 *         ParticipantReply.success("trip.hotel.reserved", "{\"bookingId\":\"B-17\"}")).build());
 * }</pre>
 *
 * <p>The route does no deduplication: commands arrive at least once, so the handler must be
 * idempotent on {@link dev.sagitta.engine.spi.CommandMessage#idempotencyKey()} (see
 * {@link CommandHandler}). A command's exchange finishes once its reply has been accepted by the
 * reply endpoint. A command that can never be answered (unreadable, too large, of another
 * CloudEvents version, without a reply-to header, or of a type the route does not
 * {@link Builder#handles handle}; or, found once the handler has run, whose reply-to names an
 * endpoint Camel cannot resolve) goes where the {@link Builder#deadLetters dead-letter policy} says
 * (by default a WARN log line) and the route goes on with the next.
 *
 * <p>Defaults: the command endpoint is {@code seda:sagitta.commands.<participant>}, as the
 * transport's default pattern; reply ids are random UUIDs; reply times come from the system clock.
 * The route's id is {@code sagitta-participant-<participant>}.
 *
 * <p>Immutable once built. The handler is called from the endpoint's consumer threads (one for a
 * plain {@code seda:} URI).
 */
public final class ParticipantRoute extends RouteBuilder {

    private final String participant;
    private final String commandEndpoint;
    private final CommandHandler handler;
    private final IdGenerator ids;
    private final Clock clock;
    private final DeadLetterPolicy deadLetters;
    private final Set<String> handledTypes;

    private ParticipantRoute(Builder builder) {
        this.participant = builder.participant;
        this.commandEndpoint = builder.commandEndpoint != null
                ? builder.commandEndpoint
                : SagittaEndpoints.defaultCommandEndpoint(builder.participant);
        this.handler = builder.handler;
        this.ids = builder.ids;
        this.clock = builder.clock;
        this.deadLetters = builder.deadLetters;
        this.handledTypes = Set.copyOf(builder.handledTypes);
    }

    /**
     * A builder for the route of {@code participant}, answering with {@code handler}.
     *
     * @param participant the participant's logical name, as the saga definitions use it
     */
    public static Builder builder(String participant, CommandHandler handler) {
        return new Builder(participant, handler);
    }

    /** The participant's logical name. */
    public String participant() {
        return participant;
    }

    /** The endpoint the route consumes commands from. */
    public String commandEndpoint() {
        return commandEndpoint;
    }

    /** {@code sagitta-participant-<participant>}. */
    public String routeId() {
        return "sagitta-participant-" + participant;
    }

    @Override
    public void configure() throws Exception {
        EndpointProducers replies = new EndpointProducers(getContext());
        // Registered with the context so that its reply producers stop when the context does.
        getContext().addService(replies, true, true);
        DeadLetterWriter writer = new DeadLetterWriter(deadLetters, commandEndpoint, replies);
        from(commandEndpoint)
                .routeId(routeId())
                .process(new CommandAnswerer(participant, handler, ids, clock, replies, writer, handledTypes))
                .process(new KafkaOffsetCommit());
    }

    /**
     * Configures a {@link ParticipantRoute}. Every setter checks its argument at once and names it in
     * the exception.
     *
     * <p>Not thread-safe; use it from one thread.
     */
    public static final class Builder {

        private final String participant;
        private final CommandHandler handler;
        private @Nullable String commandEndpoint;
        private IdGenerator ids = IdGenerator.randomUuids();
        private Clock clock = Clock.system();
        private DeadLetterPolicy deadLetters = DeadLetterPolicy.logOnly();
        private final Set<String> handledTypes = new TreeSet<>();

        private Builder(String participant, CommandHandler handler) {
            this.participant = Arguments.requireText(participant, "participant");
            this.handler = Arguments.requireNonNull(handler, "handler");
        }

        /**
         * Consumes commands from {@code endpointUri}. Default:
         * {@code seda:sagitta.commands.<participant>}; set it to whatever the transport sends this
         * participant's commands to.
         */
        public Builder commandEndpoint(String endpointUri) {
            this.commandEndpoint = Arguments.requireEndpointUri(endpointUri, "endpointUri");
            return this;
        }

        /** Makes reply ids. Default: {@link IdGenerator#randomUuids()}. */
        public Builder idGenerator(IdGenerator idGenerator) {
            this.ids = Arguments.requireNonNull(idGenerator, "idGenerator");
            return this;
        }

        /** Stamps replies. Default: {@link Clock#system()}. */
        public Builder clock(Clock clock) {
            this.clock = Arguments.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * What becomes of commands that can never be answered. Default:
         * {@link DeadLetterPolicy#logOnly()}, a WARN log line.
         */
        public Builder deadLetters(DeadLetterPolicy policy) {
            this.deadLetters = Arguments.requireNonNull(policy, "deadLetters");
            return this;
        }

        /**
         * The command types this participant handles; a command of another type is dead-lettered as
         * {@link dev.sagitta.engine.spi.DeadLetterKind#UNKNOWN_TYPE} without reaching the handler.
         * By default every type reaches the handler.
         */
        public Builder handles(String... commandTypes) {
            Arguments.requireNonNull(commandTypes, "commandTypes");
            if (commandTypes.length == 0) {
                throw new IllegalArgumentException("handles() needs at least one command type, such as"
                        + " \"trip.hotel.reserve\"; leave it out to hand the handler every type");
            }
            for (String type : commandTypes) {
                handledTypes.add(Arguments.requireText(type, "commandType"));
            }
            return this;
        }

        /**
         * @throws IllegalArgumentException if no command endpoint was set and the participant's name
         *                                  cannot be put into the default URI
         */
        public ParticipantRoute build() {
            return new ParticipantRoute(this);
        }
    }
}
