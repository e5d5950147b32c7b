package dev.sagitta.engine.internal.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's status diagram is generated from the declared transition table; this keeps them in step. */
class ReadmeStatusDiagramTest {

    private static final String START = "<!-- status-diagram:start -->\n```mermaid\n";
    private static final String END = "```\n<!-- status-diagram:end -->";

    @Test
    void theReadmeShowsTheStatusTableAsItIsDeclared() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int from = readme.indexOf(START);
        int to = readme.indexOf(END);
        assertThat(from).as("README.md holds the status-diagram markers").isNotNegative();
        assertThat(to).isGreaterThan(from);

        String shown = readme.substring(from + START.length(), to);

        assertThat(shown)
                .as("README.md's status diagram; replace the block between the markers with this")
                .isEqualTo(SagaStatusTransitions.mermaidDiagram());
    }
}
