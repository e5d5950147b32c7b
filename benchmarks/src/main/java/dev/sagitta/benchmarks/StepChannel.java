package dev.sagitta.benchmarks;

import org.apache.camel.CamelContext;
import org.jspecify.annotations.Nullable;

/**
 * How the benchmark's remote steps travel between the engine and its participant: the endpoint
 * commands go to (which the participant route consumes), the endpoint replies come back on, and
 * whatever the Camel context needs to reach them. Implementations: {@link SedaChannel},
 * {@link RabbitMqChannel}, {@link KafkaChannel}.
 *
 * <p>One per measured run: {@link #open} prepares a clean channel (no messages left by an earlier
 * run), {@link #close} releases what it opened.
 */
interface StepChannel extends AutoCloseable {

    /** Prepares the channel and binds what its endpoints need into {@code camel}'s registry. */
    void open(CamelContext camel) throws Exception;

    /** The participant's command endpoint, for the transport and for the participant route. */
    String commandEndpoint();

    /** The transport's reply endpoint; null for the transport's default ({@code seda:}). */
    @Nullable String replyEndpoint();

    /** Where participants send replies, if not to {@link #replyEndpoint}'s URI itself; null for that. */
    default @Nullable String replyTo() {
        return null;
    }

    /** The settings the result line reports, for example {@code reply_consumers=32}; empty if none. */
    String settings();

    @Override
    void close() throws Exception;
}
