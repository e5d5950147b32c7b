package dev.sagitta.examples.trip;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The example's settings as keys and values, so the application and the standalone runner read the
 * same properties file: the runner's {@code sagitta.*} keys (the saga database, the participants'
 * and replies' endpoints) and the example's own {@code trip.*} keys ({@link BrokerSettings},
 * {@link ParticipantsDatabase}). A blank value counts as unset.
 *
 * <p>Immutable and thread-safe.
 */
public final class TripProperties {

    private final Function<String, Optional<String>> lookup;

    private TripProperties(Function<String, Optional<String>> lookup) {
        this.lookup = lookup;
    }

    /** Values found by {@code lookup}, for example a Camel context's properties component. */
    public static TripProperties of(Function<String, Optional<String>> lookup) {
        return new TripProperties(lookup);
    }

    /** The values in {@code map}. */
    public static TripProperties of(Map<String, String> map) {
        Map<String, String> copy = Map.copyOf(map);
        return new TripProperties(key -> Optional.ofNullable(copy.get(key)));
    }

    /** The keys of a properties file (UTF-8), or none when {@code file} is null. */
    public static Map<String, String> read(@Nullable Path file) {
        Map<String, String> values = new HashMap<>();
        if (file == null) {
            return values;
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the properties file " + file.toAbsolutePath() + ": " + e, e);
        }
        properties.stringPropertyNames().forEach(key -> values.put(key, properties.getProperty(key)));
        return values;
    }

    /** The value of {@code key}, stripped, or empty when it is unset or blank. */
    public Optional<String> get(String key) {
        return lookup.apply(key).map(String::strip).filter(value -> !value.isEmpty());
    }
}
