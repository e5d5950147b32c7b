package dev.sagitta.testing;

import dev.sagitta.engine.UnknownSagaException;
import dev.sagitta.engine.spi.Clock;
import dev.sagitta.engine.spi.CommandMessage;
import dev.sagitta.engine.spi.CommandTransport;
import dev.sagitta.engine.spi.IdGenerator;
import dev.sagitta.engine.spi.PayloadCodec;
import dev.sagitta.engine.spi.ReplyMessage;
import dev.sagitta.engine.spi.ReplyOutcome;
import dev.sagitta.engine.spi.ReplySink;
import dev.sagitta.engine.spi.TaskExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * An in-memory broker between the engine and scripted {@link Participant}s, run on the harness's
 * {@link ManualTaskExecutor} so delivery happens in a fixed order and delays pass in virtual time.
 *
 * <p>It behaves like a durable broker with acknowledgements: it outlives the engine, so a simulated
 * crash loses nothing in flight; a reply stays unacknowledged until the engine has committed it, and
 * is delivered again if the engine failed it or died first (again after {@link #REDELIVERY_DELAY}).
 * A {@link FaultPlan} may drop, duplicate or delay any command or reply.
 *
 * <p>Records every command it carried and every reply it delivered. Meant for one test thread. A
 * command to a participant with no script is recorded and never answered.
 */
public final class InMemoryTransport implements CommandTransport {

    /** How long the broker waits before delivering a reply again that the engine failed. */
    public static final Duration REDELIVERY_DELAY = Duration.ofSeconds(1);

    private final TaskExecutor executor;
    private final Clock clock;
    private final IdGenerator ids;
    private final PayloadCodec codec;
    private final MessageFaults faults;
    private final Map<String, Participant> participants = new HashMap<>();
    private final List<CommandMessage> sent = new ArrayList<>();
    private final List<ReplyMessage> delivered = new ArrayList<>();
    private final Map<Long, ReplyMessage> unacknowledged = new LinkedHashMap<>();
    // Messages on their way (delayed, or queued behind the current task), by delivery number.
    private final Map<Long, CommandMessage> commandsOnTheWay = new LinkedHashMap<>();
    private final Map<Long, ReplyMessage> repliesOnTheWay = new LinkedHashMap<>();
    private long deliveries;
    private @Nullable ReplySink sink;

    public InMemoryTransport(ManualTaskExecutor executor, Clock clock, IdGenerator ids, PayloadCodec codec) {
        this(executor, clock, ids, codec, FaultPlan.none());
    }

    InMemoryTransport(TaskExecutor executor, Clock clock, IdGenerator ids, PayloadCodec codec, FaultPlan plan) {
        this.executor = executor;
        this.clock = clock;
        this.ids = ids;
        this.codec = codec;
        this.faults = new MessageFaults(plan);
    }

    /** Scripts a participant, replacing any earlier script of it. */
    public synchronized InMemoryTransport participant(String name, Participant participant) {
        participants.put(name, participant);
        return this;
    }

    /**
     * Connects a consumer of replies; a later call replaces it, as a restarted engine does. Replies
     * the previous consumer never acknowledged are delivered to the new one.
     */
    @Override
    public synchronized void start(ReplySink replies) {
        this.sink = replies;
        List<ReplyMessage> pending = List.copyOf(unacknowledged.values());
        unacknowledged.clear();
        for (ReplyMessage reply : pending) {
            scheduleReply(Duration.ZERO, reply);
        }
    }

    @Override
    public synchronized CompletionStage<Void> send(CommandMessage command) {
        sent.add(command);
        for (Duration delay : faults.deliveries()) {
            scheduleCommand(delay, command);
        }
        return CompletableFuture.completedFuture(null);
    }

    private synchronized void scheduleCommand(Duration delay, CommandMessage command) {
        long delivery = deliveries++;
        commandsOnTheWay.put(delivery, command);
        executor.schedule(delay, () -> {
            synchronized (this) {
                commandsOnTheWay.remove(delivery);
            }
            deliverCommand(command);
        });
    }

    private synchronized void scheduleReply(Duration delay, ReplyMessage reply) {
        long delivery = deliveries++;
        repliesOnTheWay.put(delivery, reply);
        executor.schedule(delay, () -> {
            synchronized (this) {
                repliesOnTheWay.remove(delivery);
            }
            deliverReply(reply);
        });
    }

    /** The commands not yet delivered to their participant, for these sagas. */
    synchronized List<CommandMessage> commandsInFlight(Set<String> sagaIds) {
        return commandsOnTheWay.values().stream().filter(c -> sagaIds.contains(c.sagaId())).toList();
    }

    /** The replies not yet acknowledged by the engine (on their way, or handed over), for these sagas. */
    synchronized List<ReplyMessage> repliesInFlight(Set<String> sagaIds) {
        List<ReplyMessage> replies = new ArrayList<>(repliesOnTheWay.values());
        replies.addAll(unacknowledged.values());
        return replies.stream().filter(r -> sagaIds.contains(r.sagaId())).toList();
    }

    /** Puts messages another broker held in flight on their way again, as a broker restored from disk would. */
    synchronized void resumeInFlight(List<CommandMessage> commands, List<ReplyMessage> replies) {
        commands.forEach(command -> scheduleCommand(Duration.ZERO, command));
        replies.forEach(reply -> scheduleReply(Duration.ZERO, reply));
    }

    /**
     * Every command the engine handed over so far, in order, including any the fault plan then
     * dropped or delayed ({@link ScriptedParticipant#deliveries()} shows what arrived).
     */
    public synchronized List<CommandMessage> sent() {
        return List.copyOf(sent);
    }

    /** The commands handed over for {@code participant}, in order (see {@link #sent()}). */
    public synchronized List<CommandMessage> sentTo(String participant) {
        return sent.stream().filter(c -> c.participant().equals(participant)).toList();
    }

    /** Every reply handed to the engine, in order, duplicates and redeliveries included. */
    public synchronized List<ReplyMessage> deliveredReplies() {
        return List.copyOf(delivered);
    }

    /** Hands a reply to the engine as if a participant had sent it (for duplicates and strays). */
    public void inject(ReplyMessage reply) {
        scheduleReply(Duration.ZERO, reply);
    }

    /** What the fault plan did to messages so far, in words. */
    public synchronized String faultSummary() {
        return faults.summary();
    }

    @Override
    public synchronized void close() {
        sink = null;
    }

    private void deliverCommand(CommandMessage command) {
        Participant participant;
        synchronized (this) {
            participant = participants.get(command.participant());
        }
        if (participant == null) {
            return;
        }
        for (ParticipantResponse response : participant.respond(command)) {
            ReplyMessage reply = toReply(command, response);
            List<Duration> replyDeliveries;
            synchronized (this) {
                replyDeliveries = faults.deliveries();
            }
            for (Duration faultDelay : replyDeliveries) {
                scheduleReply(response.delay().plus(faultDelay), reply);
            }
        }
    }

    private ReplyMessage toReply(CommandMessage command, ParticipantResponse response) {
        boolean success = response.outcome() == ReplyOutcome.SUCCESS;
        String type = command.messageType() + (success ? ".succeeded" : ".failed");
        if (success) {
            String payload = response.payload() == null ? null : codec.encode(response.payload());
            return ReplyMessage.success(command, ids.newId(), type, payload, clock.now());
        }
        return ReplyMessage.failure(command, ids.newId(), type, response.errorCode(), String.valueOf(response.reason()),
                clock.now());
    }

    private void deliverReply(ReplyMessage reply) {
        ReplySink target;
        long delivery;
        synchronized (this) {
            delivery = deliveries++;
            unacknowledged.put(delivery, reply);
            target = sink;
            if (target == null) {
                // Nobody consumes: the reply waits for the next consumer.
                return;
            }
            delivered.add(reply);
        }
        target.accept(reply).whenComplete((ok, failure) -> acknowledged(delivery, reply, failure));
    }

    private void acknowledged(long delivery, ReplyMessage reply, @Nullable Throwable failure) {
        synchronized (this) {
            if (unacknowledged.remove(delivery) == null) {
                return;
            }
        }
        // A reply for a saga the store does not hold cannot succeed later: it is dropped, not redelivered.
        if (failure != null && !(unwrap(failure) instanceof UnknownSagaException)) {
            scheduleReply(REDELIVERY_DELAY, reply);
        }
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
    }
}
