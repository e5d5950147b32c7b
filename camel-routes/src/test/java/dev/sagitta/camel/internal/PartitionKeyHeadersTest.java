package dev.sagitta.camel.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagitta.camel.SagittaHeaders;
import org.apache.camel.CamelContext;
import org.apache.camel.Message;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each broker endpoint gets only its own partition key; any other endpoint keeps both. */
class PartitionKeyHeadersTest {

    private final CamelContext camel = new DefaultCamelContext();

    @AfterEach
    void close() throws Exception {
        camel.close();
    }

    @Test
    void a_rabbitmq_endpoint_gets_no_kafka_key() {
        Message message = keyedForBothBrokers();

        PartitionKeyHeaders.keepOnlyWhatTheBrokerReads("spring-rabbitmq:trip.hotel?connectionFactory=#rabbit", message);

        assertThat(message.getHeaders()).doesNotContainKey(SagittaHeaders.KAFKA_KEY)
                .containsEntry(SagittaHeaders.RABBITMQ_ROUTING_KEY, "saga-7");
    }

    @Test
    void a_kafka_endpoint_gets_no_rabbitmq_routing_key_whatever_the_case_of_its_scheme() {
        Message message = keyedForBothBrokers();

        PartitionKeyHeaders.keepOnlyWhatTheBrokerReads("Kafka:trip.hotel?brokers=localhost:9092", message);

        assertThat(message.getHeaders()).doesNotContainKey(SagittaHeaders.RABBITMQ_ROUTING_KEY)
                .containsEntry(SagittaHeaders.KAFKA_KEY, "saga-7");
    }

    @Test
    void any_other_endpoint_keeps_both_keys_since_it_may_forward_to_either_broker() {
        Message message = keyedForBothBrokers();

        PartitionKeyHeaders.keepOnlyWhatTheBrokerReads("direct:to-the-brokers", message);

        assertThat(message.getHeaders()).containsEntry(SagittaHeaders.KAFKA_KEY, "saga-7")
                .containsEntry(SagittaHeaders.RABBITMQ_ROUTING_KEY, "saga-7");
    }

    private Message keyedForBothBrokers() {
        Message message = new DefaultMessage(camel);
        message.setHeader(SagittaHeaders.KAFKA_KEY, "saga-7");
        message.setHeader(SagittaHeaders.RABBITMQ_ROUTING_KEY, "saga-7");
        return message;
    }
}
