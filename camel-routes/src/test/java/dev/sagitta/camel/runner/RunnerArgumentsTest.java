package dev.sagitta.camel.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunnerArgumentsTest {

    @TempDir
    Path dir;

    @Test
    void without_a_file_camel_mains_defaults_apply_and_every_argument_is_camels() {
        RunnerArguments arguments = RunnerArguments.parse(new String[] {"--duration", "5"}, Map.of());

        assertThat(arguments.propertiesFile()).isNull();
        assertThat(arguments.propertyLocations()).isEmpty();
        assertThat(arguments.camelArguments()).containsExactly("--duration", "5");
    }

    @Test
    void the_named_file_comes_before_the_classpath_properties() throws Exception {
        Path file = Files.writeString(dir.resolve("runner.properties"), "");

        RunnerArguments arguments = RunnerArguments.parse(
                new String[] {"-t", "--properties", file.toString(), "--duration", "5"}, Map.of());

        assertThat(arguments.propertiesFile()).isEqualTo(file.toAbsolutePath());
        assertThat(arguments.propertyLocations())
                .contains("file:" + file.toAbsolutePath() + ",classpath:application.properties;optional=true");
        assertThat(arguments.camelArguments()).containsExactly("-t", "--duration", "5");
    }

    @Test
    void takes_the_file_after_an_equals_sign_too() throws Exception {
        Path file = Files.writeString(dir.resolve("runner.properties"), "");

        assertThat(RunnerArguments.parse(new String[] {"--properties=" + file}, Map.of()).propertiesFile())
                .isEqualTo(file.toAbsolutePath());
    }

    @Test
    void the_environment_names_the_file_unless_the_command_line_does() throws Exception {
        Path fromEnvironment = Files.writeString(dir.resolve("env.properties"), "");
        Path fromCommandLine = Files.writeString(dir.resolve("cli.properties"), "");
        Map<String, String> environment = Map.of("SAGITTA_PROPERTIES", fromEnvironment.toString());

        assertThat(RunnerArguments.parse(new String[0], environment).propertiesFile())
                .isEqualTo(fromEnvironment.toAbsolutePath());
        assertThat(RunnerArguments.parse(new String[] {"--properties", fromCommandLine.toString()}, environment)
                .propertiesFile()).isEqualTo(fromCommandLine.toAbsolutePath());
    }

    @Test
    void a_missing_file_or_value_is_refused_with_what_to_do() {
        Path missing = dir.resolve("missing.properties");

        assertThatThrownBy(() -> RunnerArguments.parse(new String[] {"--properties"}, Map.of()))
                .hasMessage("--properties needs a file, for example --properties /etc/sagitta/runner.properties");
        assertThatThrownBy(() -> RunnerArguments.parse(new String[] {"--properties", missing.toString()}, Map.of()))
                .hasMessage("--properties " + missing + ": no readable file at " + missing);
        assertThatThrownBy(() -> RunnerArguments.parse(new String[0], Map.of("SAGITTA_PROPERTIES", missing.toString())))
                .hasMessage("SAGITTA_PROPERTIES=" + missing + ": no readable file at " + missing);
    }
}
