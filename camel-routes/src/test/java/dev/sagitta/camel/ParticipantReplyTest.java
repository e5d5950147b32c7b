package dev.sagitta.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagitta.engine.spi.CommandMessage;
import dev.sagitta.engine.spi.ReplyMessage;
import dev.sagitta.engine.spi.ReplyOutcome;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ParticipantReplyTest {

    private static final Instant AT = Instant.parse("2025-03-14T09:30:00Z");

    @Test
    void successBecomesASuccessReplyToTheCommand() {
        CommandMessage command = Messages.fullCommand();

        ParticipantReply answer = ParticipantReply.success("trip.hotel.cancelled", "{\"refund\":1}");

        assertThat(answer.isNoReply()).isFalse();
        assertThat(answer.outcome()).isEqualTo(ReplyOutcome.SUCCESS);
        assertThat(answer.toReplyMessage(command, "r-1", AT)).contains(
                ReplyMessage.success(command, "r-1", "trip.hotel.cancelled", "{\"refund\":1}", AT));
    }

    @Test
    void failureBecomesAFailureReplyToTheCommand() {
        CommandMessage command = Messages.fullCommand();

        ParticipantReply answer = ParticipantReply.failure("trip.hotel.rejected", "no rooms left");

        assertThat(answer.failureReason()).isEqualTo("no rooms left");
        assertThat(answer.toReplyMessage(command, "r-2", AT)).contains(
                ReplyMessage.failure(command, "r-2", "trip.hotel.rejected", "no rooms left", AT));
    }

    @Test
    void noReplyMakesNoMessage() {
        ParticipantReply answer = ParticipantReply.noReply();

        assertThat(answer.isNoReply()).isTrue();
        assertThat(answer.outcome()).isNull();
        assertThat(answer.toReplyMessage(Messages.fullCommand(), "r-3", AT)).isEmpty();
    }

    @Test
    void equalAnswersAreEqual() {
        assertThat(ParticipantReply.success("a.b.c", null)).isEqualTo(ParticipantReply.success("a.b.c", null))
                .hasSameHashCodeAs(ParticipantReply.success("a.b.c", null))
                .isNotEqualTo(ParticipantReply.success("a.b.c", "{}"));
        assertThat(ParticipantReply.failure("a.b.c", "why")).hasToString("ParticipantReply[FAILURE a.b.c: why]");
    }

    @Test
    void factoriesRejectMissingTypeAndReason() {
        assertThatThrownBy(() -> ParticipantReply.success(" ", null)).hasMessage("replyType must not be blank");
        assertThatThrownBy(() -> ParticipantReply.failure("a.b.c", "")).hasMessage("reason must not be blank");
        assertThatThrownBy(() -> ParticipantReply.failure(null, "why")).hasMessage("replyType must not be null");
    }
}
