package dev.sagitta.examples.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's "Testing your sagas" shows a test that runs: this keeps the two word for word. */
class ReadmeTestingSectionTest {

    private static final String SOURCE = "examples/src/test/java/dev/sagitta/examples/order/OrderSagaReadmeTest.java";

    @Test
    void the_readme_shows_the_order_test_as_it_is() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        String marker = "<!-- readme-test: " + SOURCE + " -->\n```java\n";
        int from = readme.indexOf(marker);
        assertThat(from).as("README.md marks the test it shows with %s", marker.strip()).isNotNegative();
        String shown = readme.substring(from + marker.length(), readme.indexOf("\n```", from + marker.length()));

        String source = Files.readString(Path.of("..", SOURCE));
        String expected = source.substring(source.indexOf("import static")).stripTrailing();
        assertThat(shown).as("the README's copy of %s (copy the file from its first import)", SOURCE)
                .isEqualTo(expected);
    }
}
