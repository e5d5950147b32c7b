package dev.sagitta.camel.broker;

import org.apache.camel.CamelContext;
import org.apache.camel.component.seda.SedaComponent;

/** The broker trip over in-JVM seda queues: the baseline every broker must match. */
class SedaTripTest extends BrokerTripContract {

    @Override
    protected void bindBroker(CamelContext context) {
        // A seda consumer notices a stop only when its poll times out (1 s by default).
        context.getComponent("seda", SedaComponent.class).setDefaultPollTimeout(10);
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
