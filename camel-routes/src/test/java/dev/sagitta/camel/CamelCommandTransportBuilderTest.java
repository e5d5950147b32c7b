package dev.sagitta.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CamelCommandTransportBuilderTest {

    private final CamelCommandTransport.Builder builder = CamelCommandTransport.builder();

    @Test
    void defaultsAreInJvmQueues() {
        CamelCommandTransport transport = builder.build();

        assertThat(transport.replyEndpoint()).isEqualTo("seda:sagitta.replies");
        assertThat(transport.replyTo()).isEqualTo("seda:sagitta.replies");
        assertThat(transport.commandEndpoint("hotel-service")).isEqualTo("seda:sagitta.commands.hotel-service");
        transport.close();
    }

    @Test
    void endpointsComeFromProperties() {
        CamelCommandTransport transport = builder.properties(Map.of(
                "sagitta.participants.hotel-service.endpoint", "kafka:trip.hotel.commands",
                "sagitta.participants.endpoint-pattern", "seda:trip.{participant}",
                "sagitta.replies.endpoint", "spring-rabbitmq:sagitta.replies?queues=sagitta.replies",
                "sagitta.replies.reply-to", "spring-rabbitmq:sagitta.replies",
                "sagitta.replies.consumers", "8",
                "unrelated.key", "ignored")).build();

        assertThat(transport.commandEndpoint("hotel-service")).isEqualTo("kafka:trip.hotel.commands");
        assertThat(transport.commandEndpoint("car-service")).isEqualTo("seda:trip.car-service");
        assertThat(transport.replyEndpoint()).isEqualTo("spring-rabbitmq:sagitta.replies?queues=sagitta.replies");
        assertThat(transport.replyTo()).isEqualTo("spring-rabbitmq:sagitta.replies");
        transport.close();
    }

    @Test
    void aReplyToThatIsNotAnEndpointUriIsRefused() {
        assertThatThrownBy(() -> builder.replyTo("replies"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("endpointUri must be a Camel endpoint URI such as seda:orders, was 'replies'");
    }

    @Test
    void aBadPropertyIsNamedInTheError() {
        assertThatThrownBy(() -> builder.properties(Map.of("sagitta.replies.consumers", "many")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("property sagitta.replies.consumers: expected a whole number, was 'many'");
        assertThatThrownBy(() -> builder.properties(Map.of("sagitta.participants.hotel-service.endpoint", "hotel")))
                .hasMessageStartingWith("property sagitta.participants.hotel-service.endpoint: endpointUri must be");
    }

    @Test
    void rejectsBadParticipantEndpoints() {
        assertThatThrownBy(() -> builder.participant(null, "seda:hotel"))
                .isInstanceOf(NullPointerException.class).hasMessage("participant must not be null");
        assertThatThrownBy(() -> builder.participant("hotel-service", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("endpointUri must not be blank");
        assertThatThrownBy(() -> builder.participant("hotel-service", "hotel"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("endpointUri must be a Camel endpoint URI such as seda:orders, was 'hotel'");
    }

    @Test
    void rejectsASecondEndpointForOneParticipant() {
        builder.participant("hotel-service", "seda:hotel");

        assertThatThrownBy(() -> builder.participant("hotel-service", "seda:hotel2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("participant 'hotel-service' already has endpoint seda:hotel;"
                        + " give each participant one endpoint");
    }

    @Test
    void rejectsAPatternWithoutThePlaceholder() {
        assertThatThrownBy(() -> builder.participantEndpointPattern("seda:commands"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pattern must contain {participant}, was 'seda:commands'");
    }

    @Test
    void rejectsBadReplySettingsAndContext() {
        assertThatThrownBy(() -> builder.replyEndpoint("replies"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("endpointUri must be a Camel endpoint URI");
        assertThatThrownBy(() -> builder.replyConsumers(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("consumers must be at least 1, was 0");
        assertThatThrownBy(() -> builder.camelContext(null))
                .isInstanceOf(NullPointerException.class).hasMessage("camelContext must not be null");
    }
}
