package dev.sagitta.camel.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.sagitta.camel.SagittaHeaders;
import dev.sagitta.engine.spi.DeadLetterKind;
import java.io.IOException;
import org.apache.camel.Message;
import org.jspecify.annotations.Nullable;

/**
 * What makes a message unprocessable before anything reads its fields: a body over the size limit,
 * a CloudEvents version this consumer does not read, a body that is not JSON. Stateless and
 * thread-safe.
 */
final class PoisonChecks {

    /** Why a message cannot be processed. */
    record Poison(DeadLetterKind kind, String reason) {
    }

    private static final JsonFactory JSON = new JsonFactory();

    private PoisonChecks() {
    }

    /** The first reason {@code message} cannot be processed, or null if it passes these checks. */
    static @Nullable Poison check(Message message, int maxPayloadBytes) {
        Object specVersion = message.getHeader(SagittaHeaders.SPEC_VERSION_HEADER);
        if (specVersion != null && !SagittaHeaders.SPEC_VERSION.equals(MessageText.headerText(specVersion))) {
            return new Poison(DeadLetterKind.SCHEMA_MISMATCH, "written as CloudEvents " + MessageText.headerText(specVersion)
                    + ", but this consumer reads " + SagittaHeaders.SPEC_VERSION);
        }
        byte[] body = MessageText.bodyBytes(message);
        if (body == null || body.length == 0) {
            return null;
        }
        if (body.length > maxPayloadBytes) {
            return new Poison(DeadLetterKind.OVERSIZED, "body is " + body.length + " bytes, more than the "
                    + maxPayloadBytes + " accepted (DeadLetterPolicy.maxPayloadBytes)");
        }
        String notJson = jsonProblem(body);
        return notJson == null ? null : new Poison(DeadLetterKind.MALFORMED, "body is not JSON: " + notJson);
    }

    /** Why {@code body} is not one JSON value, or null if it is. Streams through it without building a tree. */
    private static @Nullable String jsonProblem(byte[] body) {
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() == null) {
                return "it is empty";
            }
            parser.skipChildren();
            JsonToken after = parser.nextToken();
            return after == null ? null : "more follows the first value";
        } catch (IOException e) {
            String message = e.getMessage();
            return message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
        }
    }
}
