package dev.sagitta.camel;

import org.apache.camel.CamelContext;
import org.apache.camel.component.seda.SedaComponent;

/** Test set-up for contexts that many tests start and stop. */
public final class QuickSeda {

    private QuickSeda() {
    }

    /**
     * A seda consumer notices a stop only when its poll times out, one second by default, and a
     * context stops its routes one after another; a short poll keeps each test's shutdown quick.
     */
    public static <C extends CamelContext> C stopQuickly(C context) {
        context.getComponent("seda", SedaComponent.class).setDefaultPollTimeout(10);
        return context;
    }
}
