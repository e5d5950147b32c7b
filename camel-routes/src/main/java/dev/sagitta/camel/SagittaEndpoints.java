package dev.sagitta.camel;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Default endpoint URIs, shared by {@link CamelCommandTransport} and {@link ParticipantRoute} so
 * that both sides meet without configuration.
 *
 * <p>Constants and pure functions; thread-safe.
 */
public final class SagittaEndpoints {

    /** The placeholder that an endpoint pattern replaces with the participant's name. */
    public static final String PARTICIPANT_PLACEHOLDER = "{participant}";

    /** Where commands for a participant without an endpoint of its own go: one in-JVM queue each. */
    public static final String DEFAULT_COMMAND_ENDPOINT_PATTERN = "seda:sagitta.commands." + PARTICIPANT_PLACEHOLDER;

    /** Where participants send replies unless the transport is told otherwise. */
    public static final String DEFAULT_REPLY_ENDPOINT = "seda:sagitta.replies";

    // Names that fit in a URI path and in a Kafka topic or RabbitMQ queue name without escaping.
    private static final Pattern URI_SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private SagittaEndpoints() {
    }

    /** {@code seda:sagitta.commands.<participant>}. */
    public static String defaultCommandEndpoint(String participant) {
        return commandEndpoint(DEFAULT_COMMAND_ENDPOINT_PATTERN, participant);
    }

    /**
     * Fills {@code pattern}'s {@value #PARTICIPANT_PLACEHOLDER} with {@code participant}.
     *
     * @throws IllegalArgumentException if the name has characters that would need escaping in a URI
     *                                  (allowed: letters, digits, {@code .}, {@code _}, {@code -})
     */
    public static String commandEndpoint(String pattern, String participant) {
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(participant, "participant");
        if (!URI_SAFE_NAME.matcher(participant).matches()) {
            throw new IllegalArgumentException("participant '" + participant + "' cannot be put in an endpoint URI"
                    + " as it is (use letters, digits, '.', '_' and '-'); give it an endpoint of its own instead");
        }
        return pattern.replace(PARTICIPANT_PLACEHOLDER, participant);
    }
}
