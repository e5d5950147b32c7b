package dev.sagitta.testing;

import dev.sagitta.engine.spi.CommandMessage;
import dev.sagitta.engine.spi.CommandTransport;
import dev.sagitta.engine.spi.ReplyMessage;
import dev.sagitta.engine.spi.ReplySink;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A transport for tests that hand replies in themselves: keeps the engine's sink and every command
 * in the order it was sent, with the name of the thread that sent it; can hold one send until
 * released ({@link #sends}), as a broker's publisher confirm would, or run a hook inside each send.
 * Thread-safe.
 */
final class RecordingTransport implements CommandTransport {

    record Sent(CommandMessage command, String thread) {
    }

    /** Holds the next send, when told, until released. */
    final OneHeldCall sends = new OneHeldCall();
    /** Where the engine takes replies; set by {@link #start}. */
    volatile ReplySink sink;
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private volatile Consumer<CommandMessage> whileSending = command -> { };

    /** A success reply to {@code command}, as its participant would send it at {@code at}. */
    static ReplyMessage successOf(CommandMessage command, Instant at) {
        return ReplyMessage.success(command, "reply-to-" + command.messageId(), command.messageType() + ".done",
                null, at);
    }

    /** Runs {@code hook} inside every later send, on the sending thread, before the send returns. */
    void whileSending(Consumer<CommandMessage> hook) {
        this.whileSending = hook;
    }

    @Override
    public void start(ReplySink replies) {
        this.sink = replies;
    }

    @Override
    public CompletionStage<Void> send(CommandMessage command) {
        sent.add(new Sent(command, Thread.currentThread().getName()));
        whileSending.accept(command);
        sends.passThrough();
        return CompletableFuture.completedFuture(null);
    }

    /** The last command sent to {@code participant}. */
    CommandMessage sentTo(String participant) {
        return sent.stream().filter(s -> s.command().participant().equals(participant)).reduce((a, b) -> b)
                .orElseThrow().command();
    }

    /** The first command of {@code sagaId} sent to {@code participant}. */
    CommandMessage sentTo(String participant, String sagaId) {
        return sentOf(participant, sagaId).command();
    }

    /** The first command sent to {@code participant} with that attempt number. */
    CommandMessage sent(String participant, int attempt) {
        return commandsTo(participant).stream().filter(c -> c.attempt() == attempt).findFirst().orElseThrow();
    }

    /** Every command sent to {@code participant}, in order. */
    List<CommandMessage> commandsTo(String participant) {
        return sent.stream().map(Sent::command).filter(c -> c.participant().equals(participant)).toList();
    }

    List<String> sentParticipants() {
        return sent.stream().map(s -> s.command().participant()).toList();
    }

    List<Integer> sentAttempts(String participant) {
        return commandsTo(participant).stream().map(CommandMessage::attempt).toList();
    }

    /** The thread that sent the first command of {@code sagaId} to {@code participant}. */
    String sendingThread(String participant, String sagaId) {
        return sentOf(participant, sagaId).thread();
    }

    List<String> sendingThreads(String participant) {
        return sent.stream().filter(s -> s.command().participant().equals(participant)).map(Sent::thread).toList();
    }

    private Sent sentOf(String participant, String sagaId) {
        return sent.stream()
                .filter(s -> s.command().participant().equals(participant) && s.command().sagaId().equals(sagaId))
                .findFirst().orElseThrow();
    }

    @Override
    public void close() {
    }
}
