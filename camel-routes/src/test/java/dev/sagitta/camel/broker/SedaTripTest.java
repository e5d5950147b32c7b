package dev.sagitta.camel.broker;

import org.apache.camel.CamelContext;

/** The broker trip over in-JVM seda queues: the baseline every broker must match. */
class SedaTripTest extends BrokerTripContract {

    @Override
    protected void bindBroker(CamelContext context) {
        // seda needs nothing.
    }

    @Override
    protected String commandEndpoint(String participant, String run) {
        return "seda:trip-" + run + "." + participant;
    }

    @Override
    protected String replyEndpoint(String run) {
        return "seda:trip-" + run + ".replies";
    }
}
