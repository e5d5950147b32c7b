package dev.sagitta.camel;

import dev.sagitta.camel.internal.Arguments;
import dev.sagitta.dsl.StepFailedException;
import dev.sagitta.engine.spi.Clock;
import dev.sagitta.engine.spi.CommandMessage;
import dev.sagitta.engine.spi.ReplyOutcome;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The participant side of a saga done right, as a {@link CommandHandler} for a {@link
 * ParticipantRoute}: each command is handled in one transaction of the participant's own database
 * that holds both its work and the record ({@link ParticipantInbox}) that it was done.
 *
 * <ul>
 *   <li><b>Exactly once.</b> A command whose operation (saga, step, forward or compensation) was
 *       handled before is answered with the recorded reply, and the work is not done again,
 *       whatever the message id: redeliveries, resends after a crash and retries all count.</li>
 *   <li><b>No suspension.</b> A forward command that arrives after its compensation was handled is
 *       refused ({@code <type>.refused}) without doing the work, so a late command cannot leave an
 *       effect that nothing will ever undo.</li>
 *   <li><b>Empty compensation.</b> A compensation for a step that never took effect here (never
 *       seen, or refused) is answered as done ({@code <type>.skipped}) without calling the
 *       compensation handler, and remembered, so the forward command is refused if it comes
 *       later.</li>
 *   <li><b>Failures.</b> See {@link TransactionalCommandHandler}: refusals are recorded, other
 *       exceptions roll back and are answered without being recorded.</li>
 * </ul>
 *
 * <p>A step's forward command and compensation are serialised on a row lock, so they never run at
 * the same time. Thread-safe if the handlers are.
 *
 * <pre>{@code
 * CommandHandler hotel = IdempotentCommandHandler.builder(new ParticipantInbox(dataSource).createTables())
 *         .forward((command, connection) -> reserveRoom(connection, command))
 *         .compensation((command, connection) -> releaseRoom(connection, command))
 *         .build();
 * camel.addRoutes(ParticipantRoute.builder("hotel-service", hotel).commandEndpoint("kafka:trip.hotel.commands").build());
 * }</pre>
 */
public final class IdempotentCommandHandler implements CommandHandler {

    private final ParticipantInbox inbox;
    private final TransactionalCommandHandler forward;
    private final TransactionalCommandHandler compensation;
    private final Clock clock;

    private IdempotentCommandHandler(Builder builder) {
        this.inbox = builder.inbox;
        this.forward = Arguments.requireNonNull(builder.forward, "forward (call forward(...))");
        this.compensation = Arguments.requireNonNull(builder.compensation,
                "compensation (call compensation(...); a step without one is never compensated)");
        this.clock = builder.clock;
    }

    public static Builder builder(ParticipantInbox inbox) {
        return new Builder(inbox);
    }

    @Override
    public ParticipantReply handle(CommandMessage command) throws Exception {
        inbox.ensureStep(command.sagaId(), command.step());
        try (Connection connection = inbox.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try {
                ParticipantReply reply = handleLocked(command, connection);
                connection.commit();
                return reply;
            } catch (StepFailedException refused) {
                connection.rollback();
                if (refused.code() != null) {
                    // A failure another attempt may get past: not recorded, so the retry runs the work.
                    throw refused;
                }
                return refuse(command, refused);
            } catch (Exception | Error e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private ParticipantReply handleLocked(CommandMessage command, Connection connection) throws Exception {
        String sagaId = command.sagaId();
        String step = command.step();
        ParticipantInbox.lockStep(connection, sagaId, step);
        Optional<ParticipantInbox.Handled> done = ParticipantInbox.find(connection, sagaId, step, command.compensation());
        if (done.isPresent()) {
            return done.get().reply();
        }
        ParticipantReply reply;
        if (command.compensation()) {
            Optional<ParticipantInbox.Handled> forwardDone = ParticipantInbox.find(connection, sagaId, step, false);
            boolean tookEffect = forwardDone.isPresent() && forwardDone.get().outcome() == ReplyOutcome.SUCCESS;
            reply = tookEffect ? required(compensation.handle(command, connection))
                    : ParticipantReply.success(command.messageType() + ".skipped", null);
        } else if (ParticipantInbox.find(connection, sagaId, step, true).isPresent()) {
            reply = ParticipantReply.failure(command.messageType() + ".refused",
                    "step " + step + " of saga " + sagaId + " was already compensated here");
        } else {
            reply = required(forward.handle(command, connection));
        }
        if (reply.errorCode() == null) {
            // Recorded to answer a repeat the same way; a failure with a code is left for a retry to redo.
            ParticipantInbox.record(connection, sagaId, step, command.compensation(), command.messageId(), reply,
                    clock.now());
        }
        return reply;
    }

    /** Records a refusal thrown by the handler, after its work was rolled back. */
    private ParticipantReply refuse(CommandMessage command, StepFailedException refused) throws SQLException {
        try (Connection connection = inbox.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try {
                ParticipantInbox.lockStep(connection, command.sagaId(), command.step());
                Optional<ParticipantInbox.Handled> done = ParticipantInbox.find(connection, command.sagaId(),
                        command.step(), command.compensation());
                ParticipantReply reply = done.map(ParticipantInbox.Handled::reply).orElseGet(() ->
                        ParticipantReply.failure(command.messageType() + ".failed", reasonOf(refused)));
                if (done.isEmpty()) {
                    ParticipantInbox.record(connection, command.sagaId(), command.step(), command.compensation(),
                            command.messageId(), reply, clock.now());
                }
                connection.commit();
                return reply;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private static String reasonOf(StepFailedException refused) {
        String message = refused.getMessage();
        return message == null || message.isBlank() ? "refused" : message;
    }

    private static ParticipantReply required(@Nullable ParticipantReply reply) {
        if (reply == null || reply.isNoReply()) {
            // The reply is what a repeat is answered with: without one there is nothing to record.
            throw new IllegalStateException("an idempotent handler must answer with a success or a failure, not "
                    + (reply == null ? "null" : "noReply()"));
        }
        return reply;
    }

    /**
     * Configures an {@link IdempotentCommandHandler}. Both handlers are required. Defaults: the
     * system clock stamps the inbox rows. Not thread-safe.
     */
    public static final class Builder {
        private final ParticipantInbox inbox;
        private @Nullable TransactionalCommandHandler forward;
        private @Nullable TransactionalCommandHandler compensation;
        private Clock clock = Clock.system();

        private Builder(ParticipantInbox inbox) {
            this.inbox = Arguments.requireNonNull(inbox, "inbox");
        }

        /** Carries out a step's forward command. */
        public Builder forward(TransactionalCommandHandler handler) {
            this.forward = Arguments.requireNonNull(handler, "handler");
            return this;
        }

        /** Undoes a step that took effect here. */
        public Builder compensation(TransactionalCommandHandler handler) {
            this.compensation = Arguments.requireNonNull(handler, "handler");
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = Arguments.requireNonNull(value, "clock");
            return this;
        }

        public IdempotentCommandHandler build() {
            return new IdempotentCommandHandler(this);
        }
    }
}
