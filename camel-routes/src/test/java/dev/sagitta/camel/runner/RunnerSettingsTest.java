package dev.sagitta.camel.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunnerSettingsTest {

    private static RunnerSettings read(Map<String, String> properties) {
        return RunnerSettings.read(key -> Optional.ofNullable(properties.get(key)), properties.keySet());
    }

    @Test
    void defaults_are_embedded_h2_an_enabled_engine_and_the_engines_own_values() {
        RunnerSettings settings = read(Map.of());

        assertThat(settings.databaseUrl()).isNull();
        assertThat(settings.databaseDescription()).startsWith("embedded H2 in ").endsWith("sagitta-data");
        assertThat(settings.engineEnabled()).isTrue();
        assertThat(settings.batchSize()).isNull();
        assertThat(settings.pollInterval()).isNull();
        assertThat(settings.claimLease()).isNull();
        assertThat(settings.outboxGrace()).isNull();
        assertThat(settings.rabbitMqUrl()).isNull();
        assertThat(settings.transportProperties()).isEmpty();
        assertThat(settings.ignoredKeys()).isEmpty();
    }

    @Test
    void reads_the_rabbitmq_connection_and_refuses_a_url_that_is_not_amqp() {
        RunnerSettings settings = read(Map.of(
                "sagitta.rabbitmq.url", "amqps://broker.internal:5671/sagas",
                "sagitta.rabbitmq.user", "saga",
                "sagitta.rabbitmq.password", "secret"));

        assertThat(settings.rabbitMqUrl()).isEqualTo("amqps://broker.internal:5671/sagas");
        assertThat(settings.rabbitMqUser()).isEqualTo("saga");
        assertThat(settings.rabbitMqPassword()).isEqualTo("secret");
        assertThat(settings.ignoredKeys()).isEmpty();
        assertThatThrownBy(() -> read(Map.of("sagitta.rabbitmq.url", "localhost:5672")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("property sagitta.rabbitmq.url: expected an AMQP URL such as amqp://127.0.0.1:5672"
                        + " or amqps://user@host:5671/vhost, was 'localhost:5672'");
    }

    @Test
    void reads_every_key() {
        RunnerSettings settings = read(Map.ofEntries(
                Map.entry("sagitta.database.url", "jdbc:postgresql://db:5432/sagas"),
                Map.entry("sagitta.database.user", "saga"),
                Map.entry("sagitta.database.password", "secret"),
                Map.entry("sagitta.engine.enabled", "FALSE"),
                Map.entry("sagitta.engine.batch-size", "128"),
                Map.entry("sagitta.engine.poll-interval", "500ms"),
                Map.entry("sagitta.engine.claim-lease", "2m"),
                Map.entry("sagitta.engine.outbox-grace", "3s"),
                Map.entry("sagitta.participants.hotel-service.endpoint", "seda:hotels"),
                Map.entry("sagitta.participants.endpoint-pattern", "seda:commands.{participant}"),
                Map.entry("sagitta.replies.endpoint", "seda:replies"),
                Map.entry("sagitta.replies.reply-to", "seda:replies?blockWhenFull=true"),
                Map.entry("sagitta.replies.consumers", "4"),
                Map.entry("camel.main.name", "not ours")));

        assertThat(settings.databaseUrl()).isEqualTo("jdbc:postgresql://db:5432/sagas");
        assertThat(settings.databaseUser()).isEqualTo("saga");
        assertThat(settings.databasePassword()).isEqualTo("secret");
        assertThat(settings.engineEnabled()).isFalse();
        assertThat(settings.batchSize()).isEqualTo(128);
        assertThat(settings.pollInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(settings.claimLease()).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.outboxGrace()).isEqualTo(Duration.ofSeconds(3));
        assertThat(settings.transportProperties()).containsOnly(
                Map.entry("sagitta.participants.hotel-service.endpoint", "seda:hotels"),
                Map.entry("sagitta.participants.endpoint-pattern", "seda:commands.{participant}"),
                Map.entry("sagitta.replies.endpoint", "seda:replies"),
                Map.entry("sagitta.replies.reply-to", "seda:replies?blockWhenFull=true"),
                Map.entry("sagitta.replies.consumers", "4"));
        assertThat(settings.ignoredKeys()).isEmpty();
    }

    @Test
    void dead_letters_stay_30_days_and_sagas_count_as_stalled_after_an_hour_unless_told_otherwise() {
        RunnerSettings defaults = read(Map.of());
        RunnerSettings configured = read(Map.of("sagitta.dead-letters.endpoint", "kafka:trip.replies.dlq",
                "sagitta.dead-letters.retention", "168h"));

        assertThat(defaults.deadLetterEndpoint()).isNull();
        assertThat(defaults.deadLetterRetention()).isEqualTo(Duration.ofDays(30));
        assertThat(configured.deadLetterEndpoint()).isEqualTo("kafka:trip.replies.dlq");
        assertThat(configured.deadLetterRetention()).isEqualTo(Duration.ofDays(7));
        assertThat(defaults.stalledAfter()).isEqualTo(Duration.ofHours(1));
        assertThat(read(Map.of("sagitta.stalled.after", "30m")).stalledAfter()).isEqualTo(Duration.ofMinutes(30));
        assertThatThrownBy(() -> read(Map.of("sagitta.dead-letters.endpoint", "trip.replies.dlq")))
                .hasMessage("property sagitta.dead-letters.endpoint: expected a Camel endpoint URI such as"
                        + " kafka:trip.replies.dlq, was 'trip.replies.dlq'");
    }

    @Test
    void a_blank_value_counts_as_unset() {
        RunnerSettings settings = read(Map.of("sagitta.database.url", "  ", "sagitta.engine.batch-size", ""));

        assertThat(settings.databaseUrl()).isNull();
        assertThat(settings.batchSize()).isNull();
    }

    @Test
    void bad_values_fail_naming_the_key_and_what_is_expected() {
        assertThatThrownBy(() -> read(Map.of("sagitta.engine.batch-size", "0")))
                .hasMessage("property sagitta.engine.batch-size: expected a whole number, 1 or more, was '0'");
        assertThatThrownBy(() -> read(Map.of("sagitta.engine.poll-interval", "2 seconds")))
                .hasMessage("property sagitta.engine.poll-interval: expected a positive duration with a unit,"
                        + " such as 500ms, 2s, 1m or 1h, was '2 seconds'");
        assertThatThrownBy(() -> read(Map.of("sagitta.engine.claim-lease", "0s")))
                .hasMessageStartingWith("property sagitta.engine.claim-lease: expected a positive duration");
        assertThatThrownBy(() -> read(Map.of("sagitta.engine.enabled", "yes")))
                .hasMessage("property sagitta.engine.enabled: expected true or false, was 'yes'");
        assertThatThrownBy(() -> read(Map.of("sagitta.replies.consumers", "many")))
                .hasMessageStartingWith("property sagitta.replies.consumers:");
        assertThatThrownBy(() -> read(Map.of("sagitta.participants.endpoint-pattern", "seda:no-placeholder")))
                .hasMessageStartingWith("property sagitta.participants.endpoint-pattern:");
    }

    @Test
    void unknown_sagitta_keys_are_reported() {
        RunnerSettings settings = read(Map.of("sagitta.engine.batchsize", "10", "sagitta.replies.endpont", "seda:x"));

        assertThat(settings.ignoredKeys()).containsExactly("sagitta.engine.batchsize", "sagitta.replies.endpont");
    }

    @Test
    void the_password_is_masked_in_the_description() {
        RunnerSettings settings = read(Map.of("sagitta.database.url",
                "jdbc:postgresql://db/sagas?user=saga&password=secret&ssl=true"));

        assertThat(settings.databaseDescription()).isEqualTo("jdbc:postgresql://db/sagas?user=saga&password=***&ssl=true");
    }

    @Test
    void reads_camels_properties_and_their_placeholders(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("runner.properties");
        Files.writeString(file, "broker=seda:from-a-placeholder\n"
                + "sagitta.replies.endpoint={{broker}}\n"
                + "sagitta.participants.ledger.endpoint=seda:ledger\n"
                + "sagitta.engine.batch-size=16\n");
        try (CamelContext context = new DefaultCamelContext()) {
            context.getPropertiesComponent().setLocation("file:" + file);
            context.getPropertiesComponent().addInitialProperty("sagitta.engine.batch-size", "8");

            RunnerSettings settings = RunnerSettings.read(context.getPropertiesComponent());

            assertThat(settings.batchSize()).as("files win over initial properties").isEqualTo(16);
            assertThat(settings.transportProperties()).containsOnly(
                    Map.entry("sagitta.replies.endpoint", "seda:from-a-placeholder"),
                    Map.entry("sagitta.participants.ledger.endpoint", "seda:ledger"));
        }
    }
}
