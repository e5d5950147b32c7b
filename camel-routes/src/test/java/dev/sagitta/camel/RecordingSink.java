package dev.sagitta.camel;

import dev.sagitta.engine.spi.ReplyMessage;
import dev.sagitta.engine.spi.ReplySink;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A sink that keeps every reply it is given, answering each with a stage of the test's choosing. */
final class RecordingSink implements ReplySink {

    private final List<ReplyMessage> replies = new CopyOnWriteArrayList<>();
    private final Function<ReplyMessage, CompletionStage<Void>> answer;

    private RecordingSink(Function<ReplyMessage, CompletionStage<Void>> answer) {
        this.answer = answer;
    }

    /** Commits at once. */
    static RecordingSink committing() {
        return new RecordingSink(reply -> CompletableFuture.completedFuture(null));
    }

    /** Answers with whatever {@code answer} says. */
    static RecordingSink answering(Function<ReplyMessage, CompletionStage<Void>> answer) {
        return new RecordingSink(answer);
    }

    @Override
    public CompletionStage<Void> accept(ReplyMessage reply) {
        replies.add(reply);
        return answer.apply(reply);
    }

    List<ReplyMessage> replies() {
        return List.copyOf(replies);
    }
}
