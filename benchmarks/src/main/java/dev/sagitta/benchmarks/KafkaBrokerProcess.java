package dev.sagitta.benchmarks;

import dev.sagitta.camel.kafka.KafkaTestBroker;

/**
 * The in-process Kafka broker of the tests, in a JVM of its own, so that the Kafka row measures
 * Sagitta's JVM without a broker sharing it (run.sh starts it, reads the bootstrap servers it
 * prints, and stops it at the end). Prints {@code kafka-bootstrap=<servers>} once the broker is up,
 * then runs until killed.
 */
public final class KafkaBrokerProcess {

    private KafkaBrokerProcess() {
    }

    public static void main(String[] args) throws InterruptedException {
        KafkaTestBroker broker = KafkaTestBroker.get();
        System.out.println("kafka-bootstrap=" + broker.bootstrapServers());
        System.out.flush();
        Thread.currentThread().join();
    }
}
