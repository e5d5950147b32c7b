package dev.sagitta.testing.store;

import static dev.sagitta.engine.spi.DeadLetterKind.HANDLING_FAILED;
import static dev.sagitta.engine.spi.DeadLetterKind.MALFORMED;
import static dev.sagitta.engine.spi.DeadLetterKind.OVERSIZED;
import static dev.sagitta.engine.spi.DeadLetterKind.UNKNOWN_SAGA;
import static dev.sagitta.engine.spi.DeadLetterKind.UNKNOWN_TYPE;
import static dev.sagitta.testing.store.DeadLetterFixtures.ids;
import static dev.sagitta.testing.store.DeadLetterFixtures.letter;
import static dev.sagitta.testing.store.StoreFixtures.NOW;
import static dev.sagitta.testing.store.StoreFixtures.minutesAgo;
import static dev.sagitta.testing.store.StoreFixtures.minutesLater;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagitta.engine.spi.DeadLetterFilter;
import dev.sagitta.engine.spi.DeadLetterStatus;
import dev.sagitta.engine.spi.DeadLetterStore;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Listing dead letters: order, limit and filters. Part of {@link DeadLetterStoreContract}. */
interface ListingDeadLettersContract {

    DeadLetterStore deadLetters();

    @Test
    default void listComesOldestFirstWithTiesById() {
        deadLetters().add(letter("letter-c", minutesAgo(1)));
        deadLetters().add(letter("letter-b", minutesAgo(2)));
        deadLetters().add(letter("letter-e", minutesAgo(3)));
        deadLetters().add(letter("letter-a", minutesAgo(2)));
        deadLetters().add(letter("letter-d", NOW));

        assertThat(ids(deadLetters().list(DeadLetterFilter.all(), 10)))
                .containsExactly("letter-e", "letter-a", "letter-b", "letter-c", "letter-d");
    }

    @Test
    default void listTakesAtMostTheLimit() {
        IntStream.rangeClosed(1, 5).forEach(i -> deadLetters().add(letter("letter-" + i, minutesAgo(10 - i))));

        assertThat(ids(deadLetters().list(DeadLetterFilter.all(), 2))).containsExactly("letter-1", "letter-2");
        assertThat(ids(deadLetters().list(DeadLetterFilter.all(), 1))).containsExactly("letter-1");
        assertThatThrownBy(() -> deadLetters().list(DeadLetterFilter.all(), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limit");
    }

    @Test
    default void listFiltersByStatus() {
        deadLetters().add(letter("pending", minutesAgo(3)));
        deadLetters().add(letter("retried", minutesAgo(2)));
        deadLetters().add(letter("discarded", minutesAgo(1)));
        deadLetters().settle("retried", DeadLetterStatus.RETRIED, "ops", NOW);
        deadLetters().settle("discarded", DeadLetterStatus.DISCARDED, "ops", NOW);

        assertThat(ids(deadLetters().list(DeadLetterFilter.pending(), 10))).containsExactly("pending");
        assertThat(ids(deadLetters().list(DeadLetterFilter.all().withStatus(DeadLetterStatus.RETRIED), 10)))
                .containsExactly("retried");
        assertThat(ids(deadLetters().list(DeadLetterFilter.all().withStatus(DeadLetterStatus.DISCARDED), 10)))
                .containsExactly("discarded");
        assertThat(ids(deadLetters().list(DeadLetterFilter.all(), 10)))
                .containsExactly("pending", "retried", "discarded");
    }

    @Test
    default void listFiltersByKindSagaAndSource() {
        deadLetters().add(letter("malformed", MALFORMED, null, "kafka:replies", minutesAgo(4)));
        deadLetters().add(letter("unknown-saga", UNKNOWN_SAGA, "saga-9", "kafka:replies", minutesAgo(3)));
        deadLetters().add(letter("failed-1", HANDLING_FAILED, "saga-1", "seda:replies", minutesAgo(2)));
        deadLetters().add(letter("failed-2", HANDLING_FAILED, "saga-2", "kafka:replies", minutesAgo(1)));

        assertThat(ids(deadLetters().list(DeadLetterFilter.all().withKind(HANDLING_FAILED), 10)))
                .containsExactly("failed-1", "failed-2");
        assertThat(ids(deadLetters().list(DeadLetterFilter.all().withKind(OVERSIZED), 10))).isEmpty();
        assertThat(ids(deadLetters().list(DeadLetterFilter.all().withSagaId("saga-9"), 10)))
                .containsExactly("unknown-saga");
        assertThat(ids(deadLetters().list(DeadLetterFilter.all().withSource("kafka:replies"), 10)))
                .containsExactly("malformed", "unknown-saga", "failed-2");
    }

    @Test
    default void listFiltersByCreatedBeforeLeavingOutTheCutoffItself() {
        deadLetters().add(letter("older", minutesAgo(2).minusMillis(1)));
        deadLetters().add(letter("at-cutoff", minutesAgo(2)));
        deadLetters().add(letter("newer", minutesAgo(1)));

        assertThat(ids(deadLetters().list(DeadLetterFilter.all().withCreatedBefore(minutesAgo(2)), 10)))
                .containsExactly("older");
        assertThat(ids(deadLetters().list(DeadLetterFilter.all().withCreatedBefore(minutesLater(1)), 10)))
                .containsExactly("older", "at-cutoff", "newer");
    }

    @Test
    default void listFiltersCombine() {
        deadLetters().add(letter("match", HANDLING_FAILED, "saga-1", "kafka:replies", minutesAgo(5)));
        deadLetters().add(letter("too-new", HANDLING_FAILED, "saga-1", "kafka:replies", NOW));
        deadLetters().add(letter("other-kind", UNKNOWN_TYPE, "saga-1", "kafka:replies", minutesAgo(5)));
        deadLetters().add(letter("other-saga", HANDLING_FAILED, "saga-2", "kafka:replies", minutesAgo(5)));
        deadLetters().add(letter("other-source", HANDLING_FAILED, "saga-1", "seda:replies", minutesAgo(5)));
        deadLetters().add(letter("settled", HANDLING_FAILED, "saga-1", "kafka:replies", minutesAgo(5)));
        deadLetters().settle("settled", DeadLetterStatus.DISCARDED, "ops", NOW);

        DeadLetterFilter everything = DeadLetterFilter.pending().withKind(HANDLING_FAILED)
                .withSagaId("saga-1").withSource("kafka:replies").withCreatedBefore(minutesAgo(1));
        assertThat(ids(deadLetters().list(everything, 10))).containsExactly("match");
        assertThat(ids(deadLetters().list(DeadLetterFilter.pending().withSagaId("saga-1"), 10)))
                .containsExactly("match", "other-kind", "other-source", "too-new");
    }
}
