package dev.sagitta.examples.trip;

import dev.sagitta.camel.CommandHandler;
import dev.sagitta.camel.ParticipantReply;
import dev.sagitta.engine.spi.CommandMessage;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import javax.sql.DataSource;

/** Sends the itinerary: records it once per saga in {@code trip_itinerary}. Thread-safe. */
public final class MailService implements CommandHandler {

    private final DataSource dataSource;

    public MailService(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public ParticipantReply handle(CommandMessage command) throws Exception {
        Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT 1 FROM trip_itinerary WHERE saga_id = ?")) {
                select.setString(1, command.sagaId());
                try (ResultSet rs = select.executeQuery()) {
                    if (rs.next()) {
                        return null;
                    }
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO trip_itinerary (saga_id, sent_to) VALUES (?, ?)")) {
                insert.setString(1, command.sagaId());
                insert.setString(2, "traveller");
                insert.executeUpdate();
            }
            return null;
        });
        return ParticipantReply.success("trip.itinerary.sent", null);
    }
}
