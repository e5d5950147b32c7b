package dev.sagitta.testing.store;

import static dev.sagitta.testing.store.DeadLetterFixtures.letter;
import static dev.sagitta.testing.store.StoreFixtures.NOW;
import static dev.sagitta.testing.store.StoreFixtures.minutesAgo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagitta.engine.spi.DeadLetter;
import dev.sagitta.engine.spi.DeadLetterFilter;
import dev.sagitta.engine.spi.DeadLetterStatus;
import dev.sagitta.engine.spi.DeadLetterStore;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Settling a pending letter, which exactly one of several concurrent callers does. Part of
 * {@link DeadLetterStoreContract}.
 */
interface SettlingDeadLettersContract {

    DeadLetterStore deadLetters();

    @ParameterizedTest
    @EnumSource(value = DeadLetterStatus.class, names = {"RETRIED", "DISCARDED"})
    default void settlingMovesAPendingLetterOnNotingWhoAndWhen(DeadLetterStatus to) {
        DeadLetter pending = letter("letter-1", minutesAgo(5));
        deadLetters().add(pending);

        assertThat(deadLetters().settle("letter-1", to, "ops@example.com", NOW)).isTrue();

        assertThat(deadLetters().find("letter-1")).contains(pending.settled(to, "ops@example.com", NOW));
    }

    @Test
    default void aSettledLetterCannotBeSettledAgainAndStaysAsItWas() {
        deadLetters().add(letter("letter-1", minutesAgo(5)));
        deadLetters().settle("letter-1", DeadLetterStatus.RETRIED, "first-operator", minutesAgo(1));
        DeadLetter settled = deadLetters().find("letter-1").orElseThrow();

        assertThat(deadLetters().settle("letter-1", DeadLetterStatus.DISCARDED, "second-operator", NOW)).isFalse();
        assertThat(deadLetters().settle("letter-1", DeadLetterStatus.RETRIED, "second-operator", NOW)).isFalse();

        assertThat(deadLetters().find("letter-1")).contains(settled);
        assertThat(settled.settledBy()).isEqualTo("first-operator");
    }

    @Test
    default void settlingALetterThatDoesNotExistReturnsFalseAndAddsNothing() {
        assertThat(deadLetters().settle("letter-1", DeadLetterStatus.DISCARDED, "ops", NOW)).isFalse();

        assertThat(deadLetters().find("letter-1")).isEmpty();
        assertThat(deadLetters().list(DeadLetterFilter.all(), 10)).isEmpty();
    }

    @Test
    default void settlingBackToPendingIsRejected() {
        DeadLetter pending = letter("letter-1", minutesAgo(5));
        deadLetters().add(pending);

        assertThatThrownBy(() -> deadLetters().settle("letter-1", DeadLetterStatus.PENDING, "ops", NOW))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PENDING");

        assertThat(deadLetters().find("letter-1")).contains(pending);
    }

    @Test
    default void ofConcurrentSettlesOfOneLetterExactlyOneWins() throws Exception {
        int callers = 4;
        List<String> letterIds = IntStream.range(0, 20).mapToObj(i -> "letter-" + i).toList();
        letterIds.forEach(id -> deadLetters().add(letter(id, minutesAgo(5))));

        List<Set<String>> wonPerCaller = ConcurrentCallers.run(callers, caller -> {
            Set<String> won = new HashSet<>();
            for (String id : letterIds) {
                if (deadLetters().settle(id, choiceOf(caller), "caller-" + caller, NOW.plusMillis(caller))) {
                    won.add(id);
                }
            }
            return won;
        });

        for (String id : letterIds) {
            List<Integer> winners = IntStream.range(0, callers)
                    .filter(caller -> wonPerCaller.get(caller).contains(id)).boxed().toList();
            assertThat(winners).as("callers whose settle of %s returned true", id).hasSize(1);
            int winner = winners.get(0);
            DeadLetter settled = deadLetters().find(id).orElseThrow();
            assertThat(settled.status()).isEqualTo(choiceOf(winner));
            assertThat(settled.settledBy()).isEqualTo("caller-" + winner);
            assertThat(settled.settledAt()).isEqualTo(NOW.plusMillis(winner));
        }
    }

    /** Half the callers retry, half discard, so the stored status shows who won. */
    private static DeadLetterStatus choiceOf(int caller) {
        return caller % 2 == 0 ? DeadLetterStatus.RETRIED : DeadLetterStatus.DISCARDED;
    }
}
