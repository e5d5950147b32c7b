package dev.sagitta.examples.trip;

import dev.sagitta.engine.SagaStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Checks the participants' tables against the sagas' outcomes: a completed trip holds every
 * booking, its payment and its itinerary; a compensated trip holds no booking and no charge; no
 * booking was ever released twice nor a payment refunded twice. Without the participants' database
 * (they run elsewhere and their tables cannot be read from here), only the payments are checked.
 * Thread-safe.
 */
public final class TripConsistency {

    private final DataSource payments;
    private final @Nullable DataSource participants;

    /** Payments and participants' tables in one database, as when everything runs in one process. */
    public TripConsistency(DataSource dataSource) {
        this(dataSource, dataSource);
    }

    /**
     * @param payments     the application's database, where the local payment step writes
     * @param participants the participants' database, or null to check the payments only
     */
    public TripConsistency(DataSource payments, @Nullable DataSource participants) {
        this.payments = payments;
        this.participants = participants;
    }

    /** Whether the participants' tables are checked too. */
    public boolean checksParticipants() {
        return participants != null;
    }

    /** The problems found for these sagas; empty when everything is consistent. */
    public List<String> check(Map<String, SagaStatus> outcomes) throws SQLException {
        List<String> problems = new ArrayList<>();
        Map<String, String> payments;
        try (Connection connection = this.payments.getConnection()) {
            payments = payments(connection, problems);
        }
        Map<String, Map<String, String>> reservations = Map.of();
        Map<String, Boolean> itineraries = Map.of();
        if (participants != null) {
            try (Connection connection = participants.getConnection()) {
                reservations = reservations(connection, problems);
                itineraries = itineraries(connection);
            }
        }
        for (Map.Entry<String, SagaStatus> outcome : outcomes.entrySet()) {
            String sagaId = outcome.getKey();
            Map<String, String> booked = reservations.getOrDefault(sagaId, Map.of());
            String payment = payments.get(sagaId);
            switch (outcome.getValue()) {
                case COMPLETED -> {
                    if (!"CHARGED".equals(payment)) {
                        problems.add(sagaId + " completed but its payment is " + payment);
                    }
                    if (participants == null) {
                        continue;
                    }
                    for (String service : List.of(TripSaga.HOTEL, TripSaga.FLIGHT, TripSaga.CAR)) {
                        if (!"RESERVED".equals(booked.get(service))) {
                            problems.add(sagaId + " completed but its " + service + " booking is " + booked.get(service));
                        }
                    }
                    if (!itineraries.containsKey(sagaId)) {
                        problems.add(sagaId + " completed but no itinerary was sent");
                    }
                }
                case COMPENSATED -> {
                    booked.forEach((service, status) -> {
                        if ("RESERVED".equals(status)) {
                            problems.add(sagaId + " compensated but still holds its " + service + " booking");
                        }
                    });
                    if ("CHARGED".equals(payment)) {
                        problems.add(sagaId + " compensated but its payment is still charged");
                    }
                }
                default -> problems.add(sagaId + " is " + outcome.getValue() + ", not finished");
            }
        }
        return problems;
    }

    private static Map<String, Map<String, String>> reservations(Connection connection, List<String> problems)
            throws SQLException {
        Map<String, Map<String, String>> bySaga = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT saga_id, service, status, releases FROM trip_reservation");
                ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                bySaga.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(rs.getString(2), rs.getString(3));
                if (rs.getInt(4) > 1) {
                    problems.add(rs.getString(1) + " had its " + rs.getString(2) + " booking released "
                            + rs.getInt(4) + " times");
                }
            }
        }
        return bySaga;
    }

    private static Map<String, String> payments(Connection connection, List<String> problems) throws SQLException {
        Map<String, String> bySaga = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT saga_id, status, refunds FROM trip_payment");
                ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                bySaga.put(rs.getString(1), rs.getString(2));
                if (rs.getInt(3) > 1) {
                    problems.add(rs.getString(1) + " was refunded " + rs.getInt(3) + " times");
                }
            }
        }
        return bySaga;
    }

    private static Map<String, Boolean> itineraries(Connection connection) throws SQLException {
        Map<String, Boolean> sent = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT saga_id FROM trip_itinerary");
                ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                sent.put(rs.getString(1), true);
            }
        }
        return sent;
    }
}
