package dev.sagitta.examples.trip;

import dev.sagitta.engine.spi.CommandMessage;
import dev.sagitta.engine.spi.CommandTransport;
import dev.sagitta.engine.spi.ReplyMessage;
import dev.sagitta.engine.spi.ReplySink;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Passes everything through to another transport, and remembers the commands this node sent and the
 * replies it received, to show which node did what. Thread-safe.
 */
final class RecordingTransport implements CommandTransport {

    private final CommandTransport delegate;
    private final Set<String> sentCommandIds = ConcurrentHashMap.newKeySet();
    private final Queue<ReplyMessage> received = new ConcurrentLinkedQueue<>();

    RecordingTransport(CommandTransport delegate) {
        this.delegate = delegate;
    }

    @Override
    public void start(ReplySink replies) {
        delegate.start(reply -> {
            received.add(reply);
            return replies.accept(reply);
        });
    }

    @Override
    public CompletionStage<Void> send(CommandMessage command) {
        sentCommandIds.add(command.messageId());
        return delegate.send(command);
    }

    @Override
    public void close() {
        delegate.close();
    }

    int commandsSent() {
        return sentCommandIds.size();
    }

    int repliesReceived() {
        return received.size();
    }

    /** How many of the replies this node received answer commands that {@code other} sent. */
    long repliesToCommandsOf(RecordingTransport other) {
        return received.stream().filter(reply -> other.sentCommandIds.contains(reply.causationId())).count();
    }
}
