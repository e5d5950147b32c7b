package dev.sagitta.camel;

import java.util.Map;
import org.springframework.amqp.ImmediateRequeueAmqpException;
import org.springframework.retry.backoff.ExponentialBackOffPolicy;
import org.springframework.retry.interceptor.RetryOperationsInterceptor;
import org.springframework.retry.policy.SimpleRetryPolicy;
import org.springframework.retry.support.RetryTemplate;

/**
 * The listener advice {@link BrokerEndpoints#rabbitMq} gives camel-spring-rabbitmq consumers
 * ({@code retry=#class:dev.sagitta.camel.RequeueOnFailure}): a message whose route failed is tried
 * {@value #ATTEMPTS} times on the consumer's thread, {@value #FIRST_DELAY_MILLIS} ms and then twice
 * that apart, and then goes back to its queue, unacknowledged, to be delivered again.
 *
 * <p>Why: without it, camel-spring-rabbitmq tries a failed message five times, a second apart, and
 * then drops it: rejected without requeueing by default, which loses it on a queue that has no
 * dead-letter exchange, or, with {@code rejectAndDontRequeue=false}, acknowledged ("Message(s)
 * dropped on recovery"), since no recoverer is installed then. Sagitta's routes retry and
 * dead-letter on their own terms and fail the exchange only when a message must stay with the
 * broker: the engine is closing, a dead letter could not be kept (or the policy keeps none), a
 * reply could not be sent. The short pause before a requeue keeps a message that keeps failing from
 * cycling through the broker at full speed.
 *
 * <p>Replaces the endpoint's {@code maximumRetryAttempts} and {@code retryDelay}, which then have no
 * effect. Thread-safe once constructed; Camel makes one per endpoint.
 */
public final class RequeueOnFailure extends RetryOperationsInterceptor {

    /** Tries of a message on the consumer's thread before it goes back to its queue. */
    public static final int ATTEMPTS = 3;
    /** The pause after the first failed try; it doubles after each further one. */
    public static final long FIRST_DELAY_MILLIS = 100;

    /** Tries a message {@value #ATTEMPTS} times and requeues it if its route failed each time. */
    public RequeueOnFailure() {
        RetryTemplate template = new RetryTemplate();
        // Every failure is retried: the route has already decided the message must not be dropped.
        template.setRetryPolicy(new SimpleRetryPolicy(ATTEMPTS, Map.of(Throwable.class, true), true));
        ExponentialBackOffPolicy backOff = new ExponentialBackOffPolicy();
        backOff.setInitialInterval(FIRST_DELAY_MILLIS);
        backOff.setMultiplier(2.0);
        template.setBackOffPolicy(backOff);
        setRetryOperations(template);
        setRecoverer((arguments, cause) -> {
            throw new ImmediateRequeueAmqpException("the route failed " + ATTEMPTS
                    + " times; the message goes back to its queue", cause);
        });
    }
}
