package dev.sagitta.camel;

import dev.sagitta.engine.spi.CommandMessage;
import java.sql.Connection;

/**
 * A participant's work for one kind of command, done on the connection of the transaction that also
 * records the command as handled (see {@link IdempotentCommandHandler}): writes made through it
 * commit or roll back with that record, so the work happens exactly once.
 *
 * <p>Return {@link ParticipantReply#failure} (or throw {@link dev.sagitta.dsl.StepFailedException})
 * to refuse the command for good: the refusal is recorded and repeated to a retry. Any other
 * exception rolls the work back and is answered with a failure that is not recorded, so a retry
 * runs the work again. Implementations must be thread-safe when the endpoint has several
 * consumers, and must neither commit nor close the connection.
 */
@FunctionalInterface
public interface TransactionalCommandHandler {

    ParticipantReply handle(CommandMessage command, Connection connection) throws Exception;
}
