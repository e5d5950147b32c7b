package dev.sagitta.camel.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplyRouteTest {

    @Test
    void sedaReplyEndpointGetsTheConsumerCount() {
        assertThat(ReplyRoute.consumerUri("seda:sagitta.replies", 16))
                .isEqualTo("seda:sagitta.replies?concurrentConsumers=16");
        assertThat(ReplyRoute.consumerUri("seda:sagitta.replies?size=5000", 4))
                .isEqualTo("seda:sagitta.replies?size=5000&concurrentConsumers=4");
    }

    @Test
    void explicitConsumerCountAndOtherComponentsAreLeftAlone() {
        assertThat(ReplyRoute.consumerUri("seda:replies?concurrentConsumers=2", 16))
                .isEqualTo("seda:replies?concurrentConsumers=2");
        assertThat(ReplyRoute.consumerUri("kafka:replies?brokers=localhost:9092", 16))
                .isEqualTo("kafka:replies?brokers=localhost:9092");
    }
}
