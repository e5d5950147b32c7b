package dev.sagitta.camel.internal;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;

/**
 * The last processor of Sagitta's consuming routes: on an exchange from a Kafka consumer with
 * {@code allowManualCommit=true}, it commits the record's offset, now that the route has handled
 * it (the engine committed the reply, or the participant sent its answer). Before this point a
 * crash leaves the offset where it was, and the record is consumed again.
 *
 * <p>Exchanges from other components, or from Kafka with automatic commits, pass unchanged. A
 * failed exchange never gets here, so its offset is not committed.
 *
 * <p>Thread-safe: stateless. It runs on the Kafka consumer's own polling thread, which is waiting
 * for the route to finish, since Sagitta's processors are synchronous.
 */
public final class KafkaOffsetCommit implements Processor {

    @Override
    public void process(Exchange exchange) {
        KafkaManualCommit commit = exchange.getMessage().getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class);
        if (commit != null) {
            commit.commit();
        }
    }
}
