package dev.sagitta.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BrokerEndpointsTest {

    @Test
    void a_kafka_endpoint_commits_offsets_itself_and_stops_on_a_failed_message() {
        assertThat(BrokerEndpoints.kafka("trip.hotel", "k1:9092,k2:9092", "hotel-service")).isEqualTo(
                "kafka:trip.hotel?brokers=k1:9092,k2:9092&groupId=hotel-service&autoOffsetReset=earliest"
                        + "&autoCommitEnable=false&allowManualCommit=true&breakOnFirstError=true");
    }

    @Test
    void a_rabbitmq_endpoint_declares_durable_queues_and_waits_for_confirms() {
        assertThat(BrokerEndpoints.rabbitMq("trip.hotel", BrokerEndpoints.RABBITMQ_CONNECTION_FACTORY)).isEqualTo(
                "spring-rabbitmq:trip.hotel?connectionFactory=#sagittaRabbit&queues=trip.hotel&routingKey=%23"
                        + "&exchangeType=topic&autoDeclare=true&autoDeclareProducer=true&confirm=enabled"
                        + "&acknowledgeMode=AUTO&retry=#class:dev.sagitta.camel.RequeueOnFailure&allowNullBody=true"
                        + "&arg.queue.durable=true");
    }

    @Test
    void a_rabbitmq_reply_to_address_holds_only_what_a_participant_needs_to_send() {
        assertThat(BrokerEndpoints.rabbitMqReplyTo("trip.replies", BrokerEndpoints.RABBITMQ_CONNECTION_FACTORY))
                .isEqualTo("spring-rabbitmq:trip.replies?connectionFactory=#sagittaRabbit&confirm=enabled"
                        + "&allowNullBody=true");
    }

    @Test
    void the_participant_placeholder_makes_an_endpoint_pattern() {
        String pattern = BrokerEndpoints.kafka("trip.{participant}", "k1:9092", "engine");

        assertThat(SagittaEndpoints.commandEndpoint(pattern, "car-service"))
                .startsWith("kafka:trip.car-service?brokers=k1:9092&groupId=engine&");
    }

    @Test
    void names_that_would_need_escaping_are_refused_with_the_argument_named() {
        assertThatThrownBy(() -> BrokerEndpoints.kafka("trip hotel", "k1:9092", "g"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("topic 'trip hotel'");
        assertThatThrownBy(() -> BrokerEndpoints.kafka("t", "k1:9092&x=y", "g"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("bootstrapServers must be");
        assertThatThrownBy(() -> BrokerEndpoints.kafka("t", "k1:9092", "a/b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("groupId 'a/b'");
        assertThatThrownBy(() -> BrokerEndpoints.rabbitMq("q", "#factory"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("connectionFactoryBean '#factory'");
        assertThatThrownBy(() -> BrokerEndpoints.rabbitMq(" ", "f"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("name must not be blank");
        assertThatThrownBy(() -> BrokerEndpoints.rabbitMqReplyTo("trip.{participant}", "f"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("name 'trip.{participant}'");
    }
}
