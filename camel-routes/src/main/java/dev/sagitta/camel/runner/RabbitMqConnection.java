package dev.sagitta.camel.runner;

import dev.sagitta.camel.BrokerEndpoints;
import java.net.URI;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory.ConfirmType;

/**
 * Makes the RabbitMQ connection factory that {@link BrokerEndpoints#rabbitMq} URIs name, when
 * {@value RunnerSettings#RABBITMQ_URL} is set: it is bound in the Camel registry as
 * {@value BrokerEndpoints#RABBITMQ_CONNECTION_FACTORY} before the routes start, with publisher
 * confirms and returns on (as {@code confirm=enabled} needs), and closed after the context stopped.
 * Without the key it does nothing, and an application may bind its own factory.
 *
 * <p>Thread-safe enough for camel-main, which calls it from one thread at a time.
 */
final class RabbitMqConnection extends MainListenerSupport {

    private static final Logger LOG = LoggerFactory.getLogger(RabbitMqConnection.class);

    private volatile @Nullable CachingConnectionFactory factory;

    @Override
    public void beforeStart(BaseMainSupport main) {
        RunnerSettings settings = RunnerSettings.read(main.getCamelContext().getPropertiesComponent());
        String url = settings.rabbitMqUrl();
        if (url == null) {
            return;
        }
        CachingConnectionFactory made = new CachingConnectionFactory(URI.create(url));
        if (settings.rabbitMqUser() != null) {
            made.setUsername(settings.rabbitMqUser());
        }
        if (settings.rabbitMqPassword() != null) {
            made.setPassword(settings.rabbitMqPassword());
        }
        made.setPublisherConfirmType(ConfirmType.CORRELATED);
        made.setPublisherReturns(true);
        main.getCamelContext().getRegistry().bind(BrokerEndpoints.RABBITMQ_CONNECTION_FACTORY, made);
        factory = made;
        LOG.info("RabbitMQ connection factory '{}' for {}:{}{}", BrokerEndpoints.RABBITMQ_CONNECTION_FACTORY,
                made.getHost(), made.getPort(), made.getVirtualHost().equals("/") ? "" : " vhost " + made.getVirtualHost());
    }

    @Override
    public void afterStop(BaseMainSupport main) {
        CachingConnectionFactory closing = factory;
        factory = null;
        if (closing != null) {
            closing.destroy();
        }
    }
}
