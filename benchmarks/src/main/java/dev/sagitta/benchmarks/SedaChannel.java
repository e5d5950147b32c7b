package dev.sagitta.benchmarks;

import org.apache.camel.CamelContext;
import org.jspecify.annotations.Nullable;

/**
 * Remote steps over in-JVM Camel {@code seda:} queues: no broker, no network. Commands go to
 * {@code seda:bench.commands} (4 consumers), replies to the transport's default reply queue.
 */
final class SedaChannel implements StepChannel {

    @Override
    public void open(CamelContext camel) {
    }

    @Override
    public String commandEndpoint() {
        return "seda:bench.commands?concurrentConsumers=4";
    }

    @Override
    public @Nullable String replyEndpoint() {
        return null;
    }

    @Override
    public String settings() {
        return "";
    }

    @Override
    public void close() {
    }
}
