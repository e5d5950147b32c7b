package dev.sagitta.testing;

import dev.sagitta.engine.spi.Clock;
import dev.sagitta.engine.spi.CommandMessage;
import dev.sagitta.engine.spi.CommandTransport;
import dev.sagitta.engine.spi.IdGenerator;
import dev.sagitta.engine.spi.PayloadCodec;
import dev.sagitta.engine.spi.ReplyMessage;
import dev.sagitta.engine.spi.ReplySink;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * A {@link CommandTransport} that delivers commands to scripted {@link Participant}s and their
 * replies back, through the harness's {@link ManualTaskExecutor}, so delivery happens in a fixed
 * order and delays pass in virtual time. Records every command it carried.
 *
 * <p>It behaves like a durable broker: messages in flight are kept here, not in the executor, so a
 * simulated crash of the engine ({@link SagaTestHarness#crashAndRestart()}) loses none of them.
 *
 * <p>Meant for one test thread. A command to a participant with no script is recorded and never
 * answered.
 */
public final class InMemoryTransport implements CommandTransport {

    private final ManualTaskExecutor executor;
    private final Clock clock;
    private final IdGenerator ids;
    private final PayloadCodec codec;
    private final Map<String, Participant> participants = new HashMap<>();
    private final List<CommandMessage> sent = new ArrayList<>();
    private final PriorityQueue<InFlight> inFlight = new PriorityQueue<>(
            Comparator.comparing(InFlight::at).thenComparingLong(InFlight::order));
    private long order;
    private @Nullable ReplySink sink;

    public InMemoryTransport(ManualTaskExecutor executor, Clock clock, IdGenerator ids, PayloadCodec codec) {
        this.executor = executor;
        this.clock = clock;
        this.ids = ids;
        this.codec = codec;
    }

    /** Scripts a participant, replacing any earlier script of it. */
    public synchronized InMemoryTransport participant(String name, Participant participant) {
        participants.put(name, participant);
        return this;
    }

    @Override
    public synchronized void start(ReplySink replies) {
        this.sink = replies;
    }

    @Override
    public synchronized CompletionStage<Void> send(CommandMessage command) {
        sent.add(command);
        enqueue(Duration.ZERO, () -> deliver(command));
        return CompletableFuture.completedFuture(null);
    }

    /** Every command carried so far, in order. */
    public synchronized List<CommandMessage> sent() {
        return List.copyOf(sent);
    }

    /** The commands carried to {@code participant}, in order. */
    public synchronized List<CommandMessage> sentTo(String participant) {
        return sent.stream().filter(c -> c.participant().equals(participant)).toList();
    }

    /** Hands a reply to the engine as if a participant had sent it (for duplicates and strays). */
    public void inject(ReplyMessage reply) {
        enqueue(Duration.ZERO, () -> reply(reply));
    }

    /** After the executor lost its tasks in a crash: deliver what is still in flight at its time. */
    void resumeAfterCrash() {
        List<Instant> times;
        synchronized (this) {
            times = inFlight.stream().map(InFlight::at).distinct().toList();
        }
        for (Instant at : times) {
            executor.schedule(Duration.between(clock.now(), at), this::deliverDue);
        }
    }

    private void enqueue(Duration delay, Runnable delivery) {
        Instant at = clock.now().plus(delay);
        synchronized (this) {
            inFlight.add(new InFlight(at, order++, delivery));
        }
        executor.schedule(delay, this::deliverDue);
    }

    private void deliverDue() {
        while (true) {
            Runnable next;
            synchronized (this) {
                InFlight first = inFlight.peek();
                if (first == null || first.at().isAfter(clock.now())) {
                    return;
                }
                next = inFlight.poll().delivery();
            }
            next.run();
        }
    }

    private record InFlight(Instant at, long order, Runnable delivery) {
    }

    @Override
    public synchronized void close() {
        sink = null;
    }

    private void deliver(CommandMessage command) {
        Participant participant;
        synchronized (this) {
            participant = participants.get(command.participant());
        }
        if (participant == null) {
            return;
        }
        for (ParticipantResponse response : participant.respond(command)) {
            ReplyMessage reply = toReply(command, response);
            enqueue(response.delay(), () -> reply(reply));
        }
    }

    private ReplyMessage toReply(CommandMessage command, ParticipantResponse response) {
        String type = command.messageType() + (response.outcome() == dev.sagitta.engine.spi.ReplyOutcome.SUCCESS
                ? ".succeeded" : ".failed");
        if (response.outcome() == dev.sagitta.engine.spi.ReplyOutcome.SUCCESS) {
            String payload = response.payload() == null ? null : codec.encode(response.payload());
            return ReplyMessage.success(command, ids.newId(), type, payload, clock.now());
        }
        return ReplyMessage.failure(command, ids.newId(), type, String.valueOf(response.reason()), clock.now());
    }

    private void reply(ReplyMessage reply) {
        ReplySink target;
        synchronized (this) {
            target = sink;
        }
        if (target != null) {
            target.accept(reply);
        }
    }
}
