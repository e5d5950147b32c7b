package dev.sagitta.camel;

/**
 * Names of the headers that carry a command's or reply's attributes next to its JSON body. The
 * {@code ce_} names follow the CloudEvents Kafka binding; the {@code sagitta_} names are Sagitta's
 * extension attributes (lower case, no separators, as CloudEvents requires).
 *
 * <p>Every value is written as text, because that is what every broker carries unchanged (Kafka
 * headers are bytes, AMQP headers are strings). Readers accept text, bytes (UTF-8), numbers and
 * booleans, so a value means the same whichever way a broker hands it back.
 *
 * <p>Constants only; thread-safe.
 */
public final class SagittaHeaders {

    /** CloudEvents spec version; always {@value #SPEC_VERSION}. Written, not required when read. */
    public static final String SPEC_VERSION_HEADER = "ce_specversion";

    /** The CloudEvents spec version this mapping follows. */
    public static final String SPEC_VERSION = "1.0";

    /** Unique id of this message (CloudEvents {@code id}). Required. */
    public static final String ID = "ce_id";

    /** Message type, {@code {module}.{entity}.{action}}, for example {@code trip.hotel.reserve}. Required. */
    public static final String TYPE = "ce_type";

    /** The saga definition's name (CloudEvents {@code source}). Required on commands. */
    public static final String SOURCE = "ce_source";

    /** When the message was made, ISO-8601 ({@code 2025-01-31T10:15:30.123Z}). Required. */
    public static final String TIME = "ce_time";

    /** The saga instance id; also the partition/routing key. Required. */
    public static final String SAGA_ID = "sagitta_sagaid";

    /** The step's name. Required. */
    public static final String STEP = "sagitta_step";

    /** The 1-based attempt number, as decimal text. Required. */
    public static final String ATTEMPT = "sagitta_attempt";

    /** {@code true} when the command undoes the step, otherwise {@code false}. Required. */
    public static final String COMPENSATION = "sagitta_compensation";

    /** The participant's logical name. Required on commands; informative on replies. */
    public static final String PARTICIPANT = "sagitta_participant";

    /** A reply's outcome: {@code SUCCESS} or {@code FAILURE}. Required on replies. */
    public static final String OUTCOME = "sagitta_outcome";

    /** Why a reply is a failure. Optional, replies only. */
    public static final String FAILURE_REASON = "sagitta_failurereason";

    /**
     * What kind of failure a failure reply reports ({@link dev.sagitta.dsl.ErrorCodes}), which decides
     * whether the step retries. Optional, replies only; absent for a business refusal.
     */
    public static final String ERROR_CODE = "sagitta_errorcode";

    /** The business correlation id. Optional. */
    public static final String CORRELATION_ID = "sagitta_correlationid";

    /** The id of the message that caused this one: on a reply, its command's {@link #ID}. Optional. */
    public static final String CAUSATION_ID = "sagitta_causationid";

    /** The tenant. Optional. */
    public static final String TENANT_ID = "sagitta_tenantid";

    /** The Camel endpoint URI a participant sends its reply to. Required on commands. */
    public static final String REPLY_TO = "sagitta_replyto";

    /**
     * What a participant deduplicates on: {@code sagaId:step}, with {@code :compensation} for
     * compensations, the same for every attempt. Written on commands for participants that do not decode the other headers;
     * derived again from them when read.
     */
    public static final String IDEMPOTENCY_KEY = "sagitta_idempotencykey";

    /**
     * Version of the body's schema. Optional; not written yet, because the engine's messages do not
     * carry a schema version.
     */
    public static final String DATA_VERSION = "sagitta_dataversion";

    /**
     * camel-kafka's record key, set to the saga id on every command and reply: one saga's messages
     * land in one partition, so a consumer group keeps them in order. The commands and replies Sagitta
     * sends to a camel-spring-rabbitmq endpoint leave it out: that component would pass it on as an
     * AMQP header.
     */
    public static final String KAFKA_KEY = "kafka.KEY";

    /**
     * camel-spring-rabbitmq's per-message routing key, set to the saga id on every command and
     * reply: a topic exchange bound with {@code #} routes every saga, and a consistent-hash exchange
     * keeps each saga on one queue.
     */
    public static final String RABBITMQ_ROUTING_KEY = "CamelSpringRabbitmqRoutingOverrideKey";

    private SagittaHeaders() {
    }
}
