package dev.sagitta.camel.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.sagitta.camel.DeadLetterPolicy;
import dev.sagitta.camel.SagittaHeaders;
import dev.sagitta.engine.spi.DeadLetter;
import dev.sagitta.engine.spi.DeadLetterKind;
import dev.sagitta.engine.spi.StoreConflictException;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a message a consumer cannot process, as its {@link DeadLetterPolicy} says: in the store, on
 * the dead-letter endpoint, or (with neither) in a WARN log line. Thread-safe.
 */
public final class DeadLetterWriter {

    /** Headers a copy on the dead-letter endpoint carries besides the original ones. */
    public static final String ID_HEADER = "sagitta_deadletter_id";
    public static final String KIND_HEADER = "sagitta_deadletter_kind";
    public static final String REASON_HEADER = "sagitta_deadletter_reason";
    public static final String SOURCE_HEADER = "sagitta_deadletter_source";
    /** Header on a retried message: the letter it came from (also {@code DeadLetterQueue.RETRY_HEADER}). */
    public static final String RETRY_OF_HEADER = "sagitta_deadletter_retry";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterWriter.class);

    private final DeadLetterPolicy policy;
    private final String source;
    private final EndpointProducers producers;

    /**
     * @param source    the endpoint the consumer reads: where a retried letter is sent back to
     * @param producers sends copies to the dead-letter endpoint
     */
    public DeadLetterWriter(DeadLetterPolicy policy, String source, EndpointProducers producers) {
        this.policy = Arguments.requireNonNull(policy, "policy");
        this.source = Arguments.requireEndpointUri(source, "source");
        this.producers = Arguments.requireNonNull(producers, "producers");
    }

    public DeadLetterPolicy policy() {
        return policy;
    }

    /**
     * Keeps {@code message} as a dead letter, committed (and copied) when this returns; with nowhere
     * to keep it, logs it at WARN. Throws if it could not be kept, so that the consumer does not
     * acknowledge the message.
     */
    public void write(Message message, DeadLetterKind kind, String why, int attempts) throws Exception {
        String reason = why;
        Map<String, String> headers = headersAsText(message);
        byte[] body = MessageText.bodyBytes(message);
        String payload = body == null ? null : new String(body, UTF_8);
        if (payload != null && payload.indexOf('\u0000') >= 0) {
            // PostgreSQL's text cannot hold NUL: a letter that cannot be stored would block the consumer.
            payload = payload.replace('\u0000', '\uFFFD');
            reason = reason + " (NUL characters in the payload were replaced with U+FFFD to store it)";
        }
        if (!policy.keepsLetters()) {
            LOG.warn("Dropping a message from {} that cannot be processed ({}: {}); headers {}; no dead-letter store"
                    + " or endpoint is configured", source, kind, reason, headers);
            return;
        }
        DeadLetter letter = DeadLetter.pending(letterId(headers, kind), kind, reason, source,
                headers.get(SagittaHeaders.ID), headers.get(SagittaHeaders.TYPE), headers.get(SagittaHeaders.SAGA_ID),
                headers, payload, attempts, policy.clock().now());
        if (policy.store().isPresent()) {
            try {
                policy.store().get().add(letter);
            } catch (StoreConflictException alreadyKept) {
                // Redelivered after it was kept (the acknowledgement was lost): keep it once.
                LOG.info("Dead letter {} was already kept; this delivery of it is dropped", letter.id());
                return;
            }
        }
        if (policy.endpoint().isPresent()) {
            copyToEndpoint(letter, headers, policy.store().isPresent());
        }
        LOG.warn("Dead-lettered a message from {} as {} ({}: {}, {} attempt(s)); ce_id={}, sagaid={}", source,
                letter.id(), kind, letter.reason(), attempts, letter.messageId(), letter.sagaId());
    }

    /**
     * The letter's id: derived from the message's source, id, kind and the letter it is a retry of,
     * so that a redelivery of a message already dead-lettered finds its letter; random for a message
     * without an id.
     */
    private String letterId(Map<String, String> headers, DeadLetterKind kind) {
        String messageId = headers.get(SagittaHeaders.ID);
        if (messageId == null || messageId.isBlank()) {
            return policy.ids().newId();
        }
        String key = source + '\n' + messageId + '\n' + kind + '\n' + headers.getOrDefault(RETRY_OF_HEADER, "");
        return UUID.nameUUIDFromBytes(key.getBytes(UTF_8)).toString();
    }

    /** With a store, a failed copy is logged: the letter is kept, and failing would redeliver it forever. */
    private void copyToEndpoint(DeadLetter letter, Map<String, String> headers, boolean stored) throws Exception {
        try {
            Futures.await(producers.send(policy.endpoint().get(), target -> {
                target.setHeaders(new TreeMap<>(headers));
                target.setHeader(ID_HEADER, letter.id());
                target.setHeader(KIND_HEADER, letter.kind().name());
                target.setHeader(REASON_HEADER, letter.reason());
                target.setHeader(SOURCE_HEADER, source);
                target.setBody(letter.payload());
            }));
        } catch (Exception e) {
            if (!stored || e instanceof InterruptedException) {
                throw e;
            }
            LOG.warn("Dead letter {} is kept in the store but could not be copied to {}: {}", letter.id(),
                    policy.endpoint().get(), e.toString());
        }
    }

    private static Map<String, String> headersAsText(Message message) {
        Map<String, String> headers = new TreeMap<>();
        message.getHeaders().forEach((name, value) -> {
            if (value != null) {
                headers.put(name, MessageText.headerText(value));
            }
        });
        return headers;
    }
}
