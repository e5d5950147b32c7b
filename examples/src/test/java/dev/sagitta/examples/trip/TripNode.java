package dev.sagitta.examples.trip;

import dev.sagitta.camel.CamelCommandTransport;
import dev.sagitta.camel.SagittaEndpoints;
import dev.sagitta.dsl.SagaDefinition;
import dev.sagitta.engine.SagaEngine;
import dev.sagitta.engine.StartOptions;
import dev.sagitta.persistence.SagaDatabase;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.camel.CamelContext;

/**
 * One node of the trip application, as it would run in a process of its own: its own connection
 * pool, Camel context, transport and engine, on a database and queues that other nodes share.
 */
final class TripNode implements AutoCloseable {

    private final String name;
    private final TripDatabase database;
    private final CamelContext camel;
    private final RecordingTransport transport;
    private final SagaDefinition<Trip> trip;
    private final SagaEngine engine;

    private TripNode(String name, TripDatabase database, CamelContext camel, RecordingTransport transport,
            SagaDefinition<Trip> trip, SagaEngine engine) {
        this.name = name;
        this.database = database;
        this.camel = camel;
        this.transport = transport;
        this.trip = trip;
        this.engine = engine;
    }

    /**
     * @param payments how the node's payment step (a local step, so run by whichever node moves the
     *                 saga) treats cards
     */
    static TripNode start(String name, SagaDatabase sagas, SharedQueues queues, String replyQueue,
            Duration stepTimeout, ParticipantBehaviour payments) throws Exception {
        TripDatabase database = TripDatabase.on(sagas);
        CamelContext camel = queues.newContext(name);
        RecordingTransport transport = new RecordingTransport(CamelCommandTransport.builder()
                .camelContext(camel)
                .participantEndpointPattern(queues.endpoint(SagittaEndpoints.PARTICIPANT_PLACEHOLDER))
                .replyEndpoint(queues.endpoint(replyQueue))
                .build());
        SagaDefinition<Trip> trip = TripSaga.definition(stepTimeout, new PaymentLedger(database.dataSource(), payments));
        SagaEngine engine = SagaEngine.builder()
                .store(database.store())
                .transport(transport)
                .register(trip)
                // A wake-up claimed by a node whose event then lost a race is picked up again soon.
                .claimLease(Duration.ofSeconds(3))
                .build();
        engine.start();
        camel.start();
        return new TripNode(name, database, camel, transport, trip, engine);
    }

    String name() {
        return name;
    }

    RecordingTransport transport() {
        return transport;
    }

    CompletableFuture<String> book(Trip plan) {
        return engine.startSagaAsync(trip, plan, StartOptions.none()).thenApply(handle -> handle.id());
    }

    @Override
    public void close() {
        engine.close();
        camel.stop();
        database.close();
    }
}
