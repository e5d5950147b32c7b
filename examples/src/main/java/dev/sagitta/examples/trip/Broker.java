package dev.sagitta.examples.trip;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The message broker between the trip saga's engine and its participants. */
public enum Broker {

    /** In-JVM {@code seda:} queues: engine and participants in one process. */
    SEDA,
    /** RabbitMQ through camel-spring-rabbitmq. */
    RABBITMQ,
    /** Kafka through camel-kafka. */
    KAFKA;

    /** {@code seda}, {@code rabbitmq} or {@code kafka}, in any case. */
    public static Broker parse(String text) {
        for (Broker broker : values()) {
            if (broker.name().equalsIgnoreCase(text.strip())) {
                return broker;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a broker: use one of " + names());
    }

    /** The name used in options and properties, in lower case. */
    public String optionName() {
        return name().toLowerCase(Locale.ROOT);
    }

    private static String names() {
        return Arrays.stream(values()).map(Broker::optionName).collect(Collectors.joining(", "));
    }
}
