package dev.sagitta.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagitta.engine.SagaStatus;
import dev.sagitta.engine.spi.SagaRecord;
import dev.sagitta.engine.spi.TransitionBatch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded H2 database must not lose an acknowledged commit when its process is killed: a
 * child JVM commits sagas one by one and then halts without any shutdown, as {@code kill -9}
 * would stop it. (With H2's default write delay, the last half second of commits is lost.)
 */
class EmbeddedH2CrashTest {

    private static final int SAGAS = 200;
    private static final int HALTED = 137;

    @TempDir
    Path directory;

    @Test
    void everyCommitAcknowledgedBeforeTheProcessDiesSurvivesIt() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CommitThenHalt.class.getName(), directory.toString())
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as(output).isEqualTo(HALTED);
        assertThat(output).contains("committed " + SAGAS);

        try (SagaDatabase reopened = SagaDatabase.embeddedH2(directory)) {
            assertThat(reopened.store().load(sagaIds())).hasSize(SAGAS);
        }
    }

    private static List<String> sagaIds() {
        return IntStream.range(0, SAGAS).mapToObj(i -> "saga-" + i).toList();
    }

    /** Run in the child JVM. */
    static final class CommitThenHalt {

        public static void main(String[] args) throws IOException {
            SagaDatabase database = SagaDatabase.embeddedH2(Path.of(args[0]));
            Instant now = Instant.parse("2026-03-01T09:00:00Z");
            for (String sagaId : sagaIds()) {
                SagaRecord saga = new SagaRecord(sagaId, "trip", 1, SagaStatus.RUNNING, "{}", "[]", null, 1, null,
                        null, null, now, now);
                database.store().commit(new TransitionBatch(List.of(saga), List.of(), List.of(), List.of(),
                        List.of(), List.of()));
            }
            System.out.println("committed " + SAGAS);
            System.out.flush();
            Runtime.getRuntime().halt(HALTED);
        }
    }
}
