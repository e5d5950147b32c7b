package dev.sagitta.camel.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import org.apache.camel.Message;
import org.jspecify.annotations.Nullable;

/**
 * A message's body and headers as the UTF-8 text that Sagitta's JSON and CloudEvents attributes
 * are, whatever type a component hands them over as. Stateless.
 */
public final class MessageText {

    private MessageText() {
    }

    /** The body as the bytes it arrived as, or null if it has none. */
    public static byte @Nullable [] bodyBytes(Message message) {
        Object body = message.getBody();
        if (body == null || body instanceof byte[]) {
            return (byte[]) body;
        }
        String text = bodyText(message);
        return text == null ? null : text.getBytes(UTF_8);
    }

    /** The body as text, or null if it has none. */
    public static @Nullable String bodyText(Message message) {
        Object body = message.getBody();
        if (body == null || body instanceof String) {
            return (String) body;
        }
        // Brokers hand bodies over as bytes; decode them as the UTF-8 that JSON is, not with the
        // platform charset that Camel's converters would use.
        if (body instanceof byte[] bytes) {
            return new String(bytes, UTF_8);
        }
        return message.getBody(String.class);
    }

    /** A header's value as text. */
    public static String headerText(Object value) {
        // String, Number, Boolean, and broker types such as AMQP's LongString all print their value.
        return value instanceof byte[] bytes ? new String(bytes, UTF_8) : value.toString();
    }
}
