package dev.sagitta.camel.runner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The runner's command line: {@code --properties <file>} (or {@code --properties=<file>}), else the
 * environment variable {@value #PROPERTIES_VARIABLE}, names a properties file read in front of the
 * classpath's {@code application.properties}; every other argument is camel-main's
 * ({@code -h} lists them).
 *
 * <p>Immutable and thread-safe.
 *
 * @param propertiesFile  the properties file, or {@code null} when none was named
 * @param camelArguments  the arguments left for camel-main, in their order
 */
record RunnerArguments(@Nullable Path propertiesFile, List<String> camelArguments) {

    static final String PROPERTIES_OPTION = "--properties";
    static final String PROPERTIES_VARIABLE = "SAGITTA_PROPERTIES";
    /** Where camel-main looks when nothing else is named. */
    static final String CLASSPATH_PROPERTIES = "classpath:application.properties;optional=true";

    RunnerArguments {
        camelArguments = List.copyOf(camelArguments);
    }

    /**
     * Splits {@code args}; the command line's {@code --properties} wins over {@value #PROPERTIES_VARIABLE}.
     *
     * @throws IllegalArgumentException if {@code --properties} has no value, or the file it (or the
     *                                  variable) names cannot be read or cannot be put in a Camel
     *                                  properties location
     */
    static RunnerArguments parse(String[] args, Map<String, String> environment) {
        LinkedList<String> remaining = new LinkedList<>(Arrays.asList(args));
        List<String> camel = new ArrayList<>();
        String fromCommandLine = null;
        while (!remaining.isEmpty()) {
            String arg = remaining.removeFirst();
            if (arg.equals(PROPERTIES_OPTION)) {
                if (remaining.isEmpty() || remaining.getFirst().isBlank()) {
                    throw new IllegalArgumentException(PROPERTIES_OPTION
                            + " needs a file, for example " + PROPERTIES_OPTION + " /etc/sagitta/runner.properties");
                }
                fromCommandLine = remaining.removeFirst();
            } else if (arg.startsWith(PROPERTIES_OPTION + "=")) {
                fromCommandLine = arg.substring(PROPERTIES_OPTION.length() + 1);
            } else {
                camel.add(arg);
            }
        }
        String fromEnvironment = environment.get(PROPERTIES_VARIABLE);
        if (fromCommandLine != null) {
            return new RunnerArguments(readableFile(fromCommandLine, PROPERTIES_OPTION + " " + fromCommandLine), camel);
        }
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return new RunnerArguments(readableFile(fromEnvironment.strip(),
                    PROPERTIES_VARIABLE + "=" + fromEnvironment), camel);
        }
        return new RunnerArguments(null, camel);
    }

    /**
     * camel-main's property locations: the named file first (the first location that has a key
     * wins), then the classpath's {@code application.properties}; empty when no file was named, so
     * camel-main's own defaults apply.
     */
    Optional<String> propertyLocations() {
        return propertiesFile == null
                ? Optional.empty()
                : Optional.of("file:" + propertiesFile + "," + CLASSPATH_PROPERTIES);
    }

    private static Path readableFile(String value, String source) {
        if (value.isBlank()) {
            throw new IllegalArgumentException(source + ": name a properties file");
        }
        Path file = Path.of(value).toAbsolutePath().normalize();
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalArgumentException(source + ": no readable file at " + file);
        }
        // Camel splits locations at ',' and reads options after ';'.
        if (file.toString().contains(",") || file.toString().contains(";")) {
            throw new IllegalArgumentException(source + ": the path must not contain ',' or ';', was " + file);
        }
        return file;
    }
}
