package dev.sagitta.examples.trip;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run of the trip-booking example in the test's JVM, as its command line runs it, with what it
 * printed.
 */
record TripRun(int exitCode, String output) {

    private static final Pattern STATUSES = Pattern.compile("Sagas by final status: (\\{.*})");

    static TripRun of(String... arguments) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int exitCode;
        try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            exitCode = TripBookingApp.run(new TripBookingApp(out), arguments);
        }
        return new TripRun(exitCode, printed.toString(StandardCharsets.UTF_8));
    }

    /** The summary line's counts, for example {@code {COMPLETED=6}}. */
    String finalStatuses() {
        Matcher matcher = STATUSES.matcher(output);
        return matcher.find() ? matcher.group(1) : "(no summary in the output:\n" + output + ")";
    }
}
