package dev.sagitta.examples.trip;

import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * In-JVM queues that several Camel contexts share, standing in for a broker between processes.
 * Every context made here holds the same queue instances in its registry, and the {@code seda:}
 * endpoint of a queue names its instance ({@code queue=#name}), so consumers in any of the contexts
 * compete for the same messages. Thread-safe.
 */
final class SharedQueues {

    private final Map<String, BlockingQueue<Exchange>> queues = new ConcurrentHashMap<>();

    SharedQueues(String... names) {
        for (String name : names) {
            queues.put(name, new LinkedBlockingQueue<>());
        }
    }

    /** The endpoint of queue {@code name}, or of each participant's queue when given the participant placeholder. */
    String endpoint(String name) {
        return "seda:" + name + "?queue=#" + name;
    }

    /** A context that reaches every shared queue; the caller starts and closes it. */
    CamelContext newContext(String name) {
        DefaultCamelContext context = new DefaultCamelContext();
        context.getCamelContextExtension().setName(name);
        queues.forEach((queueName, queue) -> context.getRegistry().bind(queueName, queue));
        return context;
    }
}
