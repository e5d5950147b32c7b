package dev.sagitta.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagitta.dsl.ErrorCodes;
import dev.sagitta.dsl.StepFailedException;
import dev.sagitta.engine.spi.CommandMessage;
import dev.sagitta.engine.spi.ReplyOutcome;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A hotel participant built on {@link IdempotentCommandHandler}, keeping its rooms in the same
 * database as its inbox. Runs on H2 and on PostgreSQL.
 */
abstract class IdempotentCommandHandlerContract {

    private final AtomicInteger reservationsRun = new AtomicInteger();
    private final AtomicInteger releasesRun = new AtomicInteger();
    private volatile boolean failNextReservation;
    private volatile boolean suiteLocked;
    private IdempotentCommandHandler hotel;
    private int messages;

    protected abstract DataSource dataSource();

    @BeforeEach
    void openTheHotel() throws SQLException {
        try (Connection connection = dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS hotel_room (saga_id VARCHAR(200) PRIMARY KEY, state VARCHAR(20) NOT NULL)");
            statement.execute("DELETE FROM hotel_room");
            statement.execute("DROP TABLE IF EXISTS sagitta_participant_inbox");
            statement.execute("DROP TABLE IF EXISTS sagitta_participant_step");
        }
        hotel = IdempotentCommandHandler.builder(new ParticipantInbox(dataSource()).createTables())
                .forward((command, connection) -> {
                    reservationsRun.incrementAndGet();
                    write(connection, "INSERT INTO hotel_room (saga_id, state) VALUES (?, 'BOOKED')", command.sagaId());
                    if (failNextReservation) {
                        failNextReservation = false;
                        throw new IllegalStateException("the hotel's disk is full");
                    }
                    if (command.payload().contains("suite") && suiteLocked) {
                        throw new StepFailedException(ErrorCodes.RATE_LIMITED, "the suites are being cleaned");
                    }
                    if (command.payload().contains("penthouse")) {
                        throw new StepFailedException("no penthouse left");
                    }
                    return ParticipantReply.success("trip.hotel.reserved", "{\"booking\":\"H-" + command.sagaId() + "\"}");
                })
                .compensation((command, connection) -> {
                    releasesRun.incrementAndGet();
                    write(connection, "UPDATE hotel_room SET state = 'RELEASED' WHERE saga_id = ?", command.sagaId());
                    return ParticipantReply.success("trip.hotel.released", null);
                })
                .build();
    }

    private CommandMessage command(String sagaId, boolean compensation, String payload) {
        return new CommandMessage("m-" + (++messages), compensation ? "trip.hotel.release" : "trip.hotel.reserve",
                sagaId, "trip", "reserve-hotel", 1, compensation, "hotel-service", payload, null, null,
                Instant.parse("2026-01-01T00:00:00Z"));
    }

    private CommandMessage reserve(String sagaId) {
        return command(sagaId, false, "{\"room\":\"double\"}");
    }

    private CommandMessage release(String sagaId) {
        return command(sagaId, true, "{}");
    }

    @Test
    void a_reservation_delivered_three_times_books_one_room_and_gets_the_same_answer_each_time() throws Exception {
        ParticipantReply first = hotel.handle(reserve("s-1"));
        ParticipantReply second = hotel.handle(reserve("s-1"));
        ParticipantReply third = hotel.handle(reserve("s-1"));

        assertThat(first.outcome()).isEqualTo(ReplyOutcome.SUCCESS);
        assertThat(first.payload()).isEqualTo("{\"booking\":\"H-s-1\"}");
        assertThat(List.of(second, third)).containsOnly(first);
        assertThat(reservationsRun).hasValue(1);
        assertThat(rooms()).containsExactly("s-1:BOOKED");
    }

    @Test
    void a_release_undoes_the_booking_once_however_often_it_comes() throws Exception {
        hotel.handle(reserve("s-1"));

        ParticipantReply released = hotel.handle(release("s-1"));
        ParticipantReply again = hotel.handle(release("s-1"));

        assertThat(released.replyType()).isEqualTo("trip.hotel.released");
        assertThat(again).isEqualTo(released);
        assertThat(releasesRun).hasValue(1);
        assertThat(rooms()).containsExactly("s-1:RELEASED");
    }

    @Test
    void a_release_for_a_reservation_never_seen_is_done_at_once_and_the_late_reservation_is_refused() throws Exception {
        ParticipantReply release = hotel.handle(release("s-1"));
        ParticipantReply lateReservation = hotel.handle(reserve("s-1"));

        assertThat(release.outcome()).isEqualTo(ReplyOutcome.SUCCESS);
        assertThat(release.replyType()).isEqualTo("trip.hotel.release.skipped");
        assertThat(lateReservation.outcome()).isEqualTo(ReplyOutcome.FAILURE);
        assertThat(lateReservation.replyType()).isEqualTo("trip.hotel.reserve.refused");
        assertThat(lateReservation.failureReason()).contains("already compensated");
        assertThat(reservationsRun).hasValue(0);
        assertThat(releasesRun).hasValue(0);
        assertThat(rooms()).isEmpty();
    }

    @Test
    void a_reservation_that_breaks_half_way_leaves_nothing_behind_and_runs_again_when_retried() throws Exception {
        failNextReservation = true;

        assertThatThrownBy(() -> hotel.handle(reserve("s-1"))).hasMessage("the hotel's disk is full");
        assertThat(rooms()).isEmpty();

        ParticipantReply retried = hotel.handle(reserve("s-1"));
        assertThat(retried.outcome()).isEqualTo(ReplyOutcome.SUCCESS);
        assertThat(reservationsRun).hasValue(2);
        assertThat(rooms()).containsExactly("s-1:BOOKED");
    }

    @Test
    void a_refusal_is_kept_and_repeated_and_the_release_after_it_has_nothing_to_undo() throws Exception {
        CommandMessage penthouse = command("s-1", false, "{\"room\":\"penthouse\"}");

        ParticipantReply refused = hotel.handle(penthouse);
        ParticipantReply repeated = hotel.handle(command("s-1", false, "{\"room\":\"penthouse\"}"));
        ParticipantReply release = hotel.handle(release("s-1"));

        assertThat(refused.outcome()).isEqualTo(ReplyOutcome.FAILURE);
        assertThat(refused.failureReason()).isEqualTo("no penthouse left");
        assertThat(repeated).isEqualTo(refused);
        assertThat(reservationsRun).hasValue(1);
        assertThat(release.replyType()).isEqualTo("trip.hotel.release.skipped");
        assertThat(releasesRun).hasValue(0);
        assertThat(rooms()).isEmpty();
    }

    @Test
    void a_failure_with_an_error_code_is_not_kept_so_the_retry_runs_the_work() throws Exception {
        suiteLocked = true;
        CommandMessage suite = command("s-1", false, "{\"room\":\"suite\"}");

        assertThatThrownBy(() -> hotel.handle(suite)).isInstanceOf(StepFailedException.class)
                .hasMessage("the suites are being cleaned");
        assertThat(rooms()).isEmpty();
        suiteLocked = false;
        ParticipantReply retried = hotel.handle(command("s-1", false, "{\"room\":\"suite\"}"));

        assertThat(retried.outcome()).isEqualTo(ReplyOutcome.SUCCESS);
        assertThat(reservationsRun).hasValue(2);
        assertThat(rooms()).containsExactly("s-1:BOOKED");
    }

    @Test
    void reservations_and_releases_racing_on_forty_sagas_never_leave_a_room_booked() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<ParticipantReply>> reservations = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String sagaId = "s-" + i;
                CommandMessage reservation = reserve(sagaId);
                CommandMessage release = release(sagaId);
                Callable<ParticipantReply> reserveTask = () -> hotel.handle(reservation);
                Callable<ParticipantReply> releaseTask = () -> hotel.handle(release);
                // Odd sagas send the release first, so both orders meet on the lock.
                if (i % 2 == 0) {
                    reservations.add(threads.submit(reserveTask));
                    threads.submit(releaseTask);
                } else {
                    threads.submit(releaseTask);
                    reservations.add(threads.submit(reserveTask));
                }
            }
            int booked = 0;
            for (Future<ParticipantReply> reservation : reservations) {
                if (reservation.get().outcome() == ReplyOutcome.SUCCESS) {
                    booked++;
                }
            }
            threads.shutdown();
            assertThat(threads.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(rooms()).noneMatch(room -> room.endsWith(":BOOKED"));
            assertThat(rooms()).hasSize(booked);
            assertThat(releasesRun).hasValue(booked);
        } finally {
            threads.shutdownNow();
        }
    }

    private List<String> rooms() throws SQLException {
        List<String> rooms = new ArrayList<>();
        try (Connection connection = dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT saga_id, state FROM hotel_room ORDER BY saga_id");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                rooms.add(rows.getString(1) + ":" + rows.getString(2));
            }
        }
        return rooms;
    }

    private static void write(Connection connection, String sql, String sagaId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, sagaId);
            statement.executeUpdate();
        }
    }
}
