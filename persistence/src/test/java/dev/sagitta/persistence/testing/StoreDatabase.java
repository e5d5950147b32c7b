package dev.sagitta.persistence.testing;

import dev.sagitta.engine.spi.DeadLetterStore;
import dev.sagitta.engine.spi.SagaStore;
import dev.sagitta.persistence.SagaDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A saga database opened once for a test class and dropped after it, handing each test an emptied
 * store. Register it as a static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final StoreDatabase database = StoreDatabase.postgres();
 * }</pre>
 *
 * <p>Not thread-safe: for one test class at a time.
 */
public final class StoreDatabase implements BeforeAllCallback, AfterAllCallback {

    private final Supplier<Opened> opener;
    private @Nullable Opened opened;

    private StoreDatabase(Supplier<Opened> opener) {
        this.opener = opener;
    }

    /** An embedded H2 file database in a temporary directory, opened as in production. */
    public static StoreDatabase h2() {
        return new StoreDatabase(() -> {
            try {
                Path directory = Files.createTempDirectory("sagitta-h2-test");
                return new Opened(SagaDatabase.embeddedH2(directory), () -> deleteRecursively(directory));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** A fresh PostgreSQL database: see {@link PostgresTestDatabase}. */
    public static StoreDatabase postgres() {
        return new StoreDatabase(() -> {
            PostgresTestDatabase postgres = PostgresTestDatabase.create();
            return new Opened(postgres.openSagaDatabase(), postgres::close);
        });
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        opened = opener.get();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (opened != null) {
            opened.database().close();
            opened.drop().run();
            opened = null;
        }
    }

    /** The store, with every saga table emptied. */
    public SagaStore emptyStore() {
        SagaTables.deleteAllRows(database().dataSource());
        return database().store();
    }

    /**
     * The dead-letter store on the same database, as it stands: {@link #emptyStore()} empties its
     * table too.
     */
    public DeadLetterStore deadLetters() {
        return database().deadLetters();
    }

    private SagaDatabase database() {
        if (opened == null) {
            throw new IllegalStateException("register StoreDatabase with @RegisterExtension on a static field");
        }
        return opened.database();
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Opened(SagaDatabase database, Runnable drop) {
    }
}
