package dev.sagitta.camel;

import org.springframework.amqp.ImmediateRequeueAmqpException;
import org.springframework.retry.interceptor.RetryOperationsInterceptor;
import org.springframework.retry.policy.NeverRetryPolicy;
import org.springframework.retry.support.RetryTemplate;

/**
 * The listener advice {@link BrokerEndpoints#rabbitMq} gives camel-spring-rabbitmq consumers
 * ({@code retry=#class:dev.sagitta.camel.RequeueOnFailure}): a message whose route failed goes back
 * to its queue at once, unacknowledged, to be delivered again.
 *
 * <p>Why: without it, camel-spring-rabbitmq tries a failed message five more times on the consumer's
 * thread, one to eight seconds apart, and then either rejects it without requeueing or, with
 * {@code rejectAndDontRequeue=false}, acknowledges it: both drop it from a queue that has no
 * dead-letter exchange. Sagitta's routes retry and dead-letter on their own terms and fail the
 * exchange only when a message must stay with the broker (the engine is closing, or a dead letter
 * could not be kept), so the broker must keep it.
 *
 * <p>Thread-safe once constructed; Camel makes one per endpoint.
 */
public final class RequeueOnFailure extends RetryOperationsInterceptor {

    /** Tries a message once and requeues it if its route failed. */
    public RequeueOnFailure() {
        RetryTemplate once = new RetryTemplate();
        once.setRetryPolicy(new NeverRetryPolicy());
        setRetryOperations(once);
        setRecoverer((arguments, cause) -> {
            throw new ImmediateRequeueAmqpException("the route failed; the message goes back to its queue", cause);
        });
    }
}
