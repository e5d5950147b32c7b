package dev.sagitta.examples.trip;

import dev.sagitta.camel.ParticipantRoute;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The trip's participants as Camel routes: the hotel, flight and car reservation services and the
 * mail service, each consuming its command endpoint and keeping its effects in {@code database}.
 * The same routes run in the application's process or, through {@link TripParticipantRoutes}, in
 * the standalone runner. Stateless.
 */
final class TripParticipants {

    private TripParticipants() {
    }

    /**
     * @param behaviours how each reservation service ({@code hotel-service}, ...) behaves
     */
    static List<ParticipantRoute> routes(DataSource database, TripEndpoints endpoints,
            Function<String, ParticipantBehaviour> behaviours) {
        List<ParticipantRoute> routes = new ArrayList<>();
        for (String service : List.of(TripSaga.HOTEL, TripSaga.FLIGHT, TripSaga.CAR)) {
            routes.add(ParticipantRoute.builder(service,
                            new ReservationService(service, database, behaviours.apply(service)))
                    .commandEndpoint(endpoints.command(service))
                    .build());
        }
        routes.add(ParticipantRoute.builder(TripSaga.MAIL, new MailService(database))
                .commandEndpoint(endpoints.command(TripSaga.MAIL))
                .build());
        return routes;
    }
}
