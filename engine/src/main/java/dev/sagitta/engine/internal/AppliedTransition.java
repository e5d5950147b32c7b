package dev.sagitta.engine.internal;

import dev.sagitta.dsl.SagaDefinition;
import dev.sagitta.engine.internal.core.SagaState;
import dev.sagitta.engine.internal.core.Transition;
import dev.sagitta.engine.spi.CommandMessage;
import java.util.List;

/** A transition that committed, with what must happen now that it has. */
record AppliedTransition(SagaDefinition<?> definition, Transition transition, List<CommandMessage> commands) {

    SagaState state() {
        return transition.state();
    }
}
