package dev.sagitta.examples.trip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagitta.camel.amqp.AmqpTestBroker;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

/**
 * The trip over RabbitMQ: the server named by {@value AmqpTestBroker#URL_VARIABLE}, else an embedded
 * Qpid Broker-J. The example declares a durable exchange and queue per participant and one pair for
 * the replies; a real server keeps them, so the test deletes them afterwards.
 */
class TripOverRabbitMqTest extends TripOverBrokerContract {

    private final AmqpTestBroker rabbit = AmqpTestBroker.get();

    @Override
    protected Map<String, String> brokerProperties() {
        return Map.of(
                BrokerSettings.BROKER, "rabbitmq",
                BrokerSettings.RABBITMQ_URL, urlOf(rabbit));
    }

    /** The broker's URL, as a user writes it in the example's properties. */
    static String urlOf(AmqpTestBroker rabbit) {
        return "amqp://" + rabbit.username() + ":" + rabbit.password() + "@" + rabbit.host() + ":" + rabbit.port();
    }

    @Test
    void a_car_service_that_refuses_every_trip_has_the_flight_and_the_hotel_released() throws IOException {
        TripRun run = bookTrips("--fail", "car");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.finalStatuses()).isEqualTo("{COMPENSATED=" + TRIPS + "}");
        assertThat(run.output())
                .containsPattern("STEP_COMPENSATED +reserve-flight#")
                .containsPattern("STEP_COMPENSATED +reserve-hotel#")
                .contains("Participants' tables are consistent with every saga's outcome.");
    }

    @AfterEach
    void deleteQueues() {
        deleteQueues(rabbit, queuePrefix);
    }

    static void deleteQueues(AmqpTestBroker rabbit, String queuePrefix) {
        CachingConnectionFactory factory = rabbit.connectionFactory();
        try {
            RabbitAdmin admin = new RabbitAdmin(factory);
            BrokerSettings names = new BrokerSettings(Broker.SEDA, null, null, queuePrefix);
            for (String participant : TripEndpoints.PARTICIPANTS) {
                admin.deleteQueue(names.commandQueue(participant));
                admin.deleteExchange(names.commandQueue(participant));
            }
            admin.deleteQueue(names.replyQueue());
            admin.deleteExchange(names.replyQueue());
        } finally {
            factory.destroy();
        }
    }
}
