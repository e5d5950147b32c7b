package dev.sagitta.camel.internal;

import dev.sagitta.camel.CamelMessageMapper;
import dev.sagitta.camel.MalformedMessageException;
import dev.sagitta.camel.SagittaHeaders;
import dev.sagitta.engine.spi.ReplyMessage;
import dev.sagitta.engine.spi.ReplySink;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes a reply exchange and hands it to the engine's {@link ReplySink}, finishing the exchange only
 * once the sink's stage has completed, that is once the engine committed the reply's transition (or
 * recognised it as a duplicate or late). A broker therefore acknowledges a reply only after it is
 * safe in the database; if the stage fails, the exchange fails and the broker may redeliver.
 *
 * <p>The consumer thread waits for the stage rather than handing the exchange on asynchronously, so
 * each reply consumer has exactly one reply in flight. That bounds how many replies the engine holds
 * at once, keeps backpressure on the endpoint (a full {@code seda:} queue, unacknowledged broker
 * messages), and behaves the same on every component. Throughput comes from running several
 * consumers, whose replies the engine commits together.
 *
 * <p>A reply that cannot be decoded is logged at WARN and dropped: it can never succeed, and failing
 * the exchange would only make a broker redeliver it forever.
 *
 * <p>Thread-safe: stateless apart from the sink, which is itself thread-safe.
 */
public final class ReplyHandoff implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(ReplyHandoff.class);

    private final ReplySink sink;

    public ReplyHandoff(ReplySink sink) {
        this.sink = Arguments.requireNonNull(sink, "sink");
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        ReplyMessage reply;
        try {
            reply = CamelMessageMapper.readReply(message);
        } catch (MalformedMessageException e) {
            LOG.warn("Dropping a reply from {} that cannot be read: {} ({}={}, {}={}, {}={})",
                    exchange.getFromEndpoint(), e.getMessage(),
                    SagittaHeaders.ID, message.getHeader(SagittaHeaders.ID),
                    SagittaHeaders.SAGA_ID, message.getHeader(SagittaHeaders.SAGA_ID),
                    SagittaHeaders.STEP, message.getHeader(SagittaHeaders.STEP));
            return;
        }
        awaitApplied(reply);
    }

    private void awaitApplied(ReplyMessage reply) throws Exception {
        // If the route stops meanwhile, the interrupt fails the exchange: the reply is not acknowledged.
        Futures.await(sink.accept(reply));
    }
}
