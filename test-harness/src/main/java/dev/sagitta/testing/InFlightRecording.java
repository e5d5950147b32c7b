package dev.sagitta.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sagitta.engine.JacksonPayloadCodec;
import dev.sagitta.engine.SagaStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sagas caught in flight under one release: the shapes of the definitions they ran under, and a
 * snapshot of the unfinished sagas after every commit of a recorded run. Made by {@link
 * DefinitionCompatibility#record}; kept as a JSON file beside the tests, so the next release can
 * check that it takes them over. Immutable.
 *
 * @param definitions the shapes of the definitions the recording release registered
 * @param snapshots   the unfinished sagas after each commit, in order
 * @param outcomes    how each saga ended when the recording release ran it to the end, by saga id
 */
public record InFlightRecording(List<DefinitionShape> definitions, List<SagaSnapshot> snapshots,
        Map<String, SagaStatus> outcomes) {

    private static final ObjectMapper JSON = JacksonPayloadCodec.defaultMapper()
            .enable(SerializationFeature.INDENT_OUTPUT);

    public InFlightRecording {
        definitions = List.copyOf(definitions);
        snapshots = List.copyOf(snapshots);
        // Sorted, so the file reads the same each time it is written.
        outcomes = Collections.unmodifiableMap(new TreeMap<>(outcomes));
    }

    /** Writes it as JSON, creating the file's directory if needed. */
    public void writeTo(Path file) {
        try {
            Path directory = file.toAbsolutePath().getParent();
            if (directory != null) {
                Files.createDirectories(directory);
            }
            JSON.writeValue(file.toFile(), this);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the recording to " + file, e);
        }
    }

    /** Reads a recording {@link #writeTo} wrote. */
    public static InFlightRecording readFrom(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no recording at " + file.toAbsolutePath()
                    + "; make one with DefinitionCompatibility.record(...).writeTo(path) on the release that runs them");
        }
        try {
            return JSON.readValue(file.toFile(), InFlightRecording.class);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the recording " + file + ": " + e.getMessage(), e);
        }
    }
}
