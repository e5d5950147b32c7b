package dev.sagitta.testing.store;

import static dev.sagitta.engine.spi.DeadLetterKind.HANDLING_FAILED;
import static dev.sagitta.engine.spi.DeadLetterKind.MALFORMED;
import static dev.sagitta.engine.spi.DeadLetterKind.OVERSIZED;
import static dev.sagitta.engine.spi.DeadLetterKind.SCHEMA_MISMATCH;
import static dev.sagitta.testing.store.DeadLetterFixtures.ids;
import static dev.sagitta.testing.store.DeadLetterFixtures.letter;
import static dev.sagitta.testing.store.StoreFixtures.NOW;
import static dev.sagitta.testing.store.StoreFixtures.minutesAgo;
import static dev.sagitta.testing.store.StoreFixtures.minutesLater;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagitta.engine.spi.DeadLetter;
import dev.sagitta.engine.spi.DeadLetterFilter;
import dev.sagitta.engine.spi.DeadLetterStatus;
import dev.sagitta.engine.spi.DeadLetterStore;
import dev.sagitta.engine.spi.StoreConflictException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Keeping dead letters whole, and purging old ones. Part of {@link DeadLetterStoreContract}. */
interface StoringDeadLettersContract {

    DeadLetterStore deadLetters();

    @Test
    default void aLetterAddedIsFoundWithEveryFieldAsGiven() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ce_id", "msg-7");
        headers.put("ce_type", "trip.hotel.booked");
        headers.put("kafka.PARTITION", "3");
        headers.put("empty", "");
        DeadLetter full = new DeadLetter("letter-1", SCHEMA_MISMATCH, "dataschema v3 is not read here",
                "kafka:trip.replies?groupId=trip", "msg-7", "trip.hotel.booked", "saga-7", headers,
                "{\"hotel\":\"h-1\"}", 5, minutesAgo(3), DeadLetterStatus.DISCARDED, minutesAgo(1), "ops@example.com");
        DeadLetter bare = DeadLetter.pending("letter-2", MALFORMED, "no ce_id header", "seda:replies",
                null, null, null, Map.of(), null, 1, NOW);

        deadLetters().add(full);
        deadLetters().add(bare);

        assertThat(deadLetters().find("letter-1")).contains(full);
        assertThat(deadLetters().find("letter-2")).contains(bare);
        assertThat(deadLetters().find("letter-3")).isEmpty();
    }

    @Test
    default void addingALetterWhoseIdIsTakenIsAConflictAndKeepsTheFirst() {
        DeadLetter first = letter("letter-1", minutesAgo(1));
        deadLetters().add(first);

        assertThatThrownBy(() -> deadLetters().add(letter("letter-1", OVERSIZED, "saga-2",
                "seda:other", NOW))).isInstanceOf(StoreConflictException.class).hasMessageContaining("letter-1");

        assertThat(deadLetters().find("letter-1")).contains(first);
        assertThat(deadLetters().list(DeadLetterFilter.all(), 10)).containsExactly(first);
    }

    @Test
    default void purgeDeletesOnlyLettersCreatedBeforeTheCutoffWhateverTheirStatus() {
        deadLetters().add(letter("old-pending", minutesAgo(30)));
        deadLetters().add(letter("old-retried", minutesAgo(20)));
        deadLetters().add(letter("old-discarded", minutesAgo(15)));
        deadLetters().add(letter("at-cutoff", minutesAgo(10)));
        deadLetters().add(letter("new-discarded", minutesAgo(5)));
        deadLetters().settle("old-retried", DeadLetterStatus.RETRIED, "ops", minutesAgo(1));
        deadLetters().settle("old-discarded", DeadLetterStatus.DISCARDED, "ops", minutesAgo(1));
        deadLetters().settle("new-discarded", DeadLetterStatus.DISCARDED, "ops", minutesAgo(1));

        assertThat(deadLetters().purgeCreatedBefore(minutesAgo(10))).isEqualTo(3);

        assertThat(ids(deadLetters().list(DeadLetterFilter.all(), 10))).containsExactly("at-cutoff", "new-discarded");
        assertThat(deadLetters().find("old-pending")).isEmpty();
        assertThat(deadLetters().purgeCreatedBefore(minutesAgo(10))).isZero();
    }

    @Test
    default void aPayloadOfSeveralMegabytesComesBackWhole() {
        String large = "{\"blob\":\"" + "0123456789abcdef".repeat(2 * 1024 * 1024 / 16) + "\",\"end\":\"ünïcödé ✓\"}";
        DeadLetter oversized = DeadLetter.pending("letter-1", OVERSIZED, "body of 2 MiB", "seda:in",
                "msg-1", "trip.hotel.booked", "saga-1", Map.of("ce_id", "msg-1"), large, 1, NOW);

        deadLetters().add(oversized);

        String payload = deadLetters().find("letter-1").orElseThrow().payload();
        assertThat(payload).hasSameSizeAs(large);
        assertThat(large.equals(payload)).as("the 2 MiB payload comes back unchanged").isTrue();
        assertThat(deadLetters().list(DeadLetterFilter.all(), 10)).containsExactly(oversized);
    }

    @Test
    default void unicodeInEveryTextFieldComesBackUnchanged() {
        String text = "Zürich → 東京, Ελλάδα, עִבְרִית, emoji 😀🚀, e\u0301, \u2028line \"quoted\" \\ back\tslash\n";
        Map<String, String> headers = Map.of("ce_source", "/ホテル/予約", "x-note 😀", text, "json", "{\"a\":[1,2]}");
        DeadLetter letter = new DeadLetter("letter-😀-ü", HANDLING_FAILED, "échec: " + text,
                "kafka:réponses-😀", "msg-東京", "trip.hôtel.réservé", "saga-ü", headers, text, 2, NOW,
                DeadLetterStatus.RETRIED, minutesLater(1), "opérateur 😀");

        deadLetters().add(letter);

        assertThat(deadLetters().find("letter-😀-ü")).contains(letter);
        assertThat(deadLetters().list(DeadLetterFilter.all().withSagaId("saga-ü").withSource("kafka:réponses-😀"), 10))
                .containsExactly(letter);
    }
}
