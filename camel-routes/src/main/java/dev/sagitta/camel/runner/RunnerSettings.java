package dev.sagitta.camel.runner;

import dev.sagitta.camel.CamelCommandTransport;
import dev.sagitta.camel.DeadLetterQueue;
import dev.sagitta.camel.internal.Arguments;
import dev.sagitta.engine.SagaEngineBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.spi.PropertiesComponent;
import org.jspecify.annotations.Nullable;

/**
 * The runner's {@code sagitta.*} properties, read and checked at once; a bad value fails with the
 * key's name and what is expected.
 *
 * <p>Values come from Camel's property resolution, so for each key an environment variable named
 * after it (upper case, {@code .} and {@code -} as {@code _}: {@code SAGITTA_DATABASE_URL}) wins,
 * then a JVM system property ({@code -Dsagitta.database.url=...}), then the properties files. Keys
 * are found by name, except {@code sagitta.participants.<participant>.endpoint}: those a properties
 * file must name (an environment variable can then override the value). A blank value counts as
 * unset.
 *
 * <p>Durations are a whole number with a unit: {@code ms}, {@code s}, {@code m} or {@code h}, as in
 * {@code 500ms} or {@code 2s}.
 *
 * <p>Immutable and thread-safe. Defaults: an embedded H2 database in {@value #DEFAULT_H2_DIRECTORY}
 * under the working directory, the engine on, and the engine's own defaults for every
 * {@code sagitta.engine.*} value left unset (see {@link SagaEngineBuilder}).
 *
 * @param databaseUrl         {@value #DATABASE_URL}, or {@code null} for the embedded H2 database
 * @param databaseUser        {@value #DATABASE_USER}, or {@code null}
 * @param databasePassword    {@value #DATABASE_PASSWORD}, or {@code null}
 * @param engineEnabled       {@value #ENGINE_ENABLED}
 * @param batchSize           {@value #BATCH_SIZE}, or {@code null} for the engine's default
 * @param pollInterval        {@value #POLL_INTERVAL}, or {@code null} for the engine's default
 * @param claimLease          {@value #CLAIM_LEASE}, or {@code null} for the engine's default
 * @param outboxGrace         {@value #OUTBOX_GRACE}, or {@code null} for the engine's default
 * @param rabbitMqUrl         {@value #RABBITMQ_URL}, or {@code null} for no RabbitMQ connection
 * @param rabbitMqUser        {@value #RABBITMQ_USER}, or {@code null} for the URL's (or guest)
 * @param rabbitMqPassword    {@value #RABBITMQ_PASSWORD}, or {@code null} for the URL's (or guest)
 * @param deadLetterEndpoint  {@value #DEAD_LETTER_ENDPOINT}, or {@code null} to keep dead letters in the
 *                            database only
 * @param deadLetterRetention {@value #DEAD_LETTER_RETENTION}: how long dead letters are kept (default 30 days)
 * @param stalledAfter        {@value #STALLED_AFTER}: how long without a transition makes a saga stalled,
 *                            looked for every 10 minutes and logged (default 1 hour)
 * @param camelSagas          {@value #CAMEL_SAGAS}: routes using Camel's Saga EIP get durable sagas from
 *                            a {@code SagittaSagaService} (default false)
 * @param camelSagaCallTimeout {@value #CAMEL_SAGA_CALL_TIMEOUT}: how long a completion or compensation
 *                            endpoint call of such a saga may take before it is made again, or
 *                            {@code null} for the default
 * @param transportProperties the {@code sagitta.participants.*} and {@code sagitta.replies.*} keys, for
 *                            {@link CamelCommandTransport.Builder#properties}
 * @param ignoredKeys         {@code sagitta.*} keys the runner does not know, probably misspelt
 */
record RunnerSettings(
        @Nullable String databaseUrl,
        @Nullable String databaseUser,
        @Nullable String databasePassword,
        boolean engineEnabled,
        @Nullable Integer batchSize,
        @Nullable Duration pollInterval,
        @Nullable Duration claimLease,
        @Nullable Duration outboxGrace,
        @Nullable String rabbitMqUrl,
        @Nullable String rabbitMqUser,
        @Nullable String rabbitMqPassword,
        @Nullable String deadLetterEndpoint,
        Duration deadLetterRetention,
        Duration stalledAfter,
        boolean camelSagas,
        @Nullable Duration camelSagaCallTimeout,
        Map<String, String> transportProperties,
        List<String> ignoredKeys) {

    static final String PREFIX = "sagitta.";
    static final String DATABASE_URL = "sagitta.database.url";
    static final String DATABASE_USER = "sagitta.database.user";
    static final String DATABASE_PASSWORD = "sagitta.database.password";
    static final String ENGINE_ENABLED = "sagitta.engine.enabled";
    static final String BATCH_SIZE = "sagitta.engine.batch-size";
    static final String POLL_INTERVAL = "sagitta.engine.poll-interval";
    static final String CLAIM_LEASE = "sagitta.engine.claim-lease";
    static final String OUTBOX_GRACE = "sagitta.engine.outbox-grace";
    static final String RABBITMQ_URL = "sagitta.rabbitmq.url";
    static final String RABBITMQ_USER = "sagitta.rabbitmq.user";
    static final String RABBITMQ_PASSWORD = "sagitta.rabbitmq.password";
    static final String DEAD_LETTER_ENDPOINT = "sagitta.dead-letters.endpoint";
    static final String DEAD_LETTER_RETENTION = "sagitta.dead-letters.retention";
    static final String STALLED_AFTER = "sagitta.stalled.after";
    static final String CAMEL_SAGAS = "sagitta.camel-sagas.enabled";
    static final String CAMEL_SAGA_CALL_TIMEOUT = "sagitta.camel-sagas.call-timeout";
    static final String DEFAULT_H2_DIRECTORY = "sagitta-data";

    private static final String PARTICIPANTS = "sagitta.participants.";
    private static final String ENDPOINT_PATTERN = "sagitta.participants.endpoint-pattern";
    private static final String REPLY_ENDPOINT = "sagitta.replies.endpoint";
    private static final String REPLY_CONSUMERS = "sagitta.replies.consumers";
    private static final String REPLY_TO = "sagitta.replies.reply-to";
    private static final Set<String> OWN_KEYS = Set.of(DATABASE_URL, DATABASE_USER, DATABASE_PASSWORD,
            ENGINE_ENABLED, BATCH_SIZE, POLL_INTERVAL, CLAIM_LEASE, OUTBOX_GRACE,
            RABBITMQ_URL, RABBITMQ_USER, RABBITMQ_PASSWORD, DEAD_LETTER_ENDPOINT, DEAD_LETTER_RETENTION,
            STALLED_AFTER, CAMEL_SAGAS, CAMEL_SAGA_CALL_TIMEOUT);
    private static final Pattern AMQP_URL = Pattern.compile("amqps?://[^\\s]+");
    private static final Pattern DURATION = Pattern.compile("(\\d{1,12})(ms|s|m|h)");

    RunnerSettings {
        transportProperties = Map.copyOf(transportProperties);
        ignoredKeys = List.copyOf(ignoredKeys);
    }

    /** Reads the settings from a Camel context's properties (files, environment, system properties). */
    static RunnerSettings read(PropertiesComponent properties) {
        return read(properties::resolveProperty,
                properties.loadProperties(key -> key.startsWith(PREFIX)).stringPropertyNames());
    }

    /**
     * Reads the settings.
     *
     * @param values      the value of a key, after any override
     * @param definedKeys the {@code sagitta.*} keys the properties files define
     * @throws IllegalArgumentException naming the first key whose value is bad
     */
    static RunnerSettings read(Function<String, Optional<String>> values, Set<String> definedKeys) {
        Function<String, @Nullable String> value = key -> values.apply(key)
                .map(String::strip).filter(text -> !text.isEmpty()).orElse(null);
        Map<String, String> transport = new TreeMap<>();
        List<String> ignored = new ArrayList<>();
        Set<String> keys = new TreeSet<>(definedKeys);
        keys.addAll(List.of(ENDPOINT_PATTERN, REPLY_ENDPOINT, REPLY_CONSUMERS, REPLY_TO));
        for (String key : keys) {
            if (isTransportKey(key)) {
                String text = value.apply(key);
                if (text != null) {
                    transport.put(key, text);
                }
            } else if (!OWN_KEYS.contains(key) && key.startsWith(PREFIX)) {
                ignored.add(key);
            }
        }
        // Checks endpoints and consumers now, naming the key; the transport itself is built later.
        CamelCommandTransport.builder().properties(transport);
        return new RunnerSettings(
                value.apply(DATABASE_URL),
                value.apply(DATABASE_USER),
                value.apply(DATABASE_PASSWORD),
                bool(ENGINE_ENABLED, value.apply(ENGINE_ENABLED), true),
                positiveInt(BATCH_SIZE, value.apply(BATCH_SIZE)),
                duration(POLL_INTERVAL, value.apply(POLL_INTERVAL)),
                duration(CLAIM_LEASE, value.apply(CLAIM_LEASE)),
                duration(OUTBOX_GRACE, value.apply(OUTBOX_GRACE)),
                amqpUrl(RABBITMQ_URL, value.apply(RABBITMQ_URL)),
                value.apply(RABBITMQ_USER),
                value.apply(RABBITMQ_PASSWORD),
                endpointUri(DEAD_LETTER_ENDPOINT, value.apply(DEAD_LETTER_ENDPOINT)),
                Objects.requireNonNullElse(duration(DEAD_LETTER_RETENTION, value.apply(DEAD_LETTER_RETENTION)),
                        DeadLetterQueue.DEFAULT_RETENTION),
                Objects.requireNonNullElse(duration(STALLED_AFTER, value.apply(STALLED_AFTER)), Duration.ofHours(1)),
                bool(CAMEL_SAGAS, value.apply(CAMEL_SAGAS), false),
                duration(CAMEL_SAGA_CALL_TIMEOUT, value.apply(CAMEL_SAGA_CALL_TIMEOUT)),
                transport,
                ignored);
    }

    /** The embedded H2 directory used when {@link #databaseUrl()} is unset. */
    Path defaultH2Directory() {
        return Path.of(DEFAULT_H2_DIRECTORY);
    }

    /** The database URL for logs, with any password in it masked. */
    String databaseDescription() {
        if (databaseUrl == null) {
            return "embedded H2 in " + defaultH2Directory().toAbsolutePath();
        }
        return databaseUrl.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    /** Sets on {@code builder} every engine value that was given, leaving the engine's defaults for the rest. */
    SagaEngineBuilder applyTo(SagaEngineBuilder builder) {
        if (batchSize != null) {
            builder.batchSize(batchSize);
        }
        if (pollInterval != null) {
            builder.pollInterval(pollInterval);
        }
        if (claimLease != null) {
            builder.claimLease(claimLease);
        }
        if (outboxGrace != null) {
            builder.outboxGrace(outboxGrace);
        }
        return builder;
    }

    private static boolean isTransportKey(String key) {
        return key.equals(ENDPOINT_PATTERN) || key.equals(REPLY_ENDPOINT) || key.equals(REPLY_CONSUMERS) || key.equals(REPLY_TO)
                || key.startsWith(PARTICIPANTS) && key.endsWith(".endpoint")
                        && key.length() > PARTICIPANTS.length() + ".endpoint".length();
    }

    private static @Nullable String endpointUri(String key, @Nullable String text) {
        if (text != null && !Arguments.isEndpointUri(text)) {
            throw bad(key, "a Camel endpoint URI such as kafka:trip.replies.dlq", text);
        }
        return text;
    }

    private static @Nullable String amqpUrl(String key, @Nullable String text) {
        if (text == null) {
            return null;
        }
        if (!AMQP_URL.matcher(text).matches()) {
            throw bad(key, "an AMQP URL such as amqp://127.0.0.1:5672 or amqps://user@host:5671/vhost", text);
        }
        return text;
    }

    private static boolean bool(String key, @Nullable String text, boolean otherwise) {
        if (text == null) {
            return otherwise;
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw bad(key, "true or false", text);
        };
    }

    private static @Nullable Integer positiveInt(String key, @Nullable String text) {
        if (text == null) {
            return null;
        }
        try {
            int parsed = Integer.parseInt(text);
            if (parsed >= 1) {
                return parsed;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw bad(key, "a whole number, 1 or more", text);
    }

    private static @Nullable Duration duration(String key, @Nullable String text) {
        if (text == null) {
            return null;
        }
        Matcher matcher = DURATION.matcher(text);
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            Duration parsed = switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
            if (!parsed.isZero()) {
                return parsed;
            }
        }
        throw bad(key, "a positive duration with a unit, such as 500ms, 2s, 1m or 1h", text);
    }

    private static IllegalArgumentException bad(String key, String expected, String text) {
        return new IllegalArgumentException("property " + key + ": expected " + expected + ", was '" + text + "'");
    }
}
