package dev.sagitta.engine.internal;

import dev.sagitta.engine.spi.CommandMessage;
import dev.sagitta.engine.spi.CommandTransport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends committed outbox rows through the transport and reports each one the transport accepted,
 * so the row can be deleted. A send that fails leaves the row for the relay. Thread-safe.
 */
final class OutboxDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxDispatcher.class);

    private final CommandTransport transport;
    private final Consumer<String> onSent;

    OutboxDispatcher(CommandTransport transport, Consumer<String> onSent) {
        this.transport = transport;
        this.onSent = onSent;
    }

    void send(CommandMessage command) {
        try {
            transport.send(command).whenComplete((ignored, failure) -> {
                if (failure == null) {
                    onSent.accept(command.messageId());
                } else {
                    LOG.warn("Sending {} to {} failed; the relay sends it again: {}", command.idempotencyKey(),
                            command.participant(), failure.toString());
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("Sending {} to {} failed; the relay sends it again: {}", command.idempotencyKey(),
                    command.participant(), e.toString());
        }
    }
}
