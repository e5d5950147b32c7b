package dev.sagitta.camel.internal;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Eager argument checks for builders; each message names the argument. Stateless. */
public final class Arguments {

    // scheme ":" rest, as in seda:orders or kafka:orders?brokers=localhost:9092
    private static final Pattern ENDPOINT_URI = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:.+");

    private Arguments() {
    }

    /** {@code value}, if it is neither {@code null} nor blank. */
    public static String requireText(@Nullable String value, String name) {
        if (value == null) {
            throw new NullPointerException(name + " must not be null");
        }
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    /** {@code value}, if it has the shape of a Camel endpoint URI ({@code scheme:path?options}). */
    public static String requireEndpointUri(@Nullable String value, String name) {
        String uri = requireText(value, name);
        if (!isEndpointUri(uri)) {
            throw new IllegalArgumentException(
                    name + " must be a Camel endpoint URI such as seda:orders, was '" + uri + "'");
        }
        return uri;
    }

    /** Whether {@code value} has the shape of a Camel endpoint URI ({@code scheme:path?options}). */
    public static boolean isEndpointUri(String value) {
        return ENDPOINT_URI.matcher(value).matches();
    }

    /** {@code value}, if it is not {@code null}. */
    public static <T> T requireNonNull(@Nullable T value, String name) {
        if (value == null) {
            throw new NullPointerException(name + " must not be null");
        }
        return value;
    }
}
