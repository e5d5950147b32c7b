package dev.sagitta.benchmarks;

import dev.sagitta.persistence.SagaDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Comparator;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The saga store of a benchmark run, shared by the benchmarks that run Sagitta: which store
 * ({@code --store}, {@code --jdbc-url}), opened empty for each run, and how many sagas of a type it
 * holds as completed. A picocli mixin; filled in once by picocli, then read only.
 */
final class BenchStore {

    @Option(names = "--store", description = "h2 or postgres (default: ${DEFAULT-VALUE}).")
    String store = "h2";

    @Option(names = "--jdbc-url", description = "PostgreSQL URL (default: ${DEFAULT-VALUE}).")
    String jdbcUrl = "jdbc:postgresql://127.0.0.1:5432/sagitta_bench?user=postgres";

    /** Fails, naming the option, unless {@code --store} is one this class opens. */
    void check(CommandLine.Model.CommandSpec spec) {
        if (!store.equals("h2") && !store.equals("postgres")) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--store must be h2 or postgres, was '" + store + "'");
        }
    }

    /** An empty store for one run: a fresh H2 file database, or PostgreSQL with Sagitta's tables emptied. */
    Opened open() throws Exception {
        if (store.equals("h2")) {
            Path directory = Files.createTempDirectory("sagitta-bench-h2");
            return new Opened(SagaDatabase.embeddedH2(directory), directory);
        }
        SagaDatabase database = SagaDatabase.fromJdbcUrl(jdbcUrl, null, null);
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE saga_instance, saga_step, saga_outbox, saga_inbox");
        }
        return new Opened(database, null);
    }

    /** An opened store; closing it closes the database and deletes an H2 directory. */
    record Opened(SagaDatabase database, @Nullable Path h2Directory) implements AutoCloseable {

        /** The sagas of {@code sagaType} the store holds as COMPLETED. */
        long completed(String sagaType) throws Exception {
            try (Connection connection = database.dataSource().getConnection();
                 Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT count(*) FROM saga_instance WHERE status = 'COMPLETED'"
                         + " AND saga_type = '" + sagaType + "'")) {
                rs.next();
                return rs.getLong(1);
            }
        }

        @Override
        public void close() throws Exception {
            database.close();
            if (h2Directory != null) {
                try (var paths = Files.walk(h2Directory)) {
                    paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }
}
