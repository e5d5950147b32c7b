package dev.sagitta.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagitta.engine.SagaStatus;
import dev.sagitta.engine.spi.SagaRecord;
import dev.sagitta.engine.spi.TransitionBatch;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SagaDatabaseTest {

    private static final Instant NOW = Instant.parse("2026-03-01T09:00:00.123Z");

    @TempDir
    Path directory;

    @Test
    void anEmbeddedH2DatabaseKeepsItsSagasAcrossARestart() {
        try (SagaDatabase database = SagaDatabase.embeddedH2(directory)) {
            database.store().commit(inserting(saga("saga-1")));
        }

        try (SagaDatabase reopened = SagaDatabase.embeddedH2(directory)) {
            assertThat(reopened.store().load(List.of("saga-1"))).containsEntry("saga-1", saga("saga-1"));
        }
    }

    @Test
    void theEmbeddedH2DatabaseIsCreatedInADirectoryThatDidNotExist() {
        Path missing = directory.resolve("not/yet/there");

        try (SagaDatabase database = SagaDatabase.embeddedH2(missing)) {
            database.store().commit(inserting(saga("saga-1")));
        }

        assertThat(missing.resolve("sagitta.mv.db")).exists();
    }

    @Test
    void aDataSourcePassedInIsMigratedAndStaysOpenAfterClose() throws SQLException {
        JdbcDataSource h2 = inMemoryH2("passed-in");
        try (Connection keepsTheDatabaseAlive = h2.getConnection()) {
            try (SagaDatabase database = SagaDatabase.fromDataSource(h2)) {
                database.store().commit(inserting(saga("saga-1")));
                assertThat(database.dataSource()).isSameAs(h2);
            }

            try (SagaDatabase again = SagaDatabase.fromDataSource(h2)) {
                assertThat(again.store().load(List.of("saga-1"))).hasSize(1);
            }
        }
    }

    @Test
    void sagittaMigratesASchemaThatAlreadyHoldsTheApplicationsTables() throws SQLException {
        JdbcDataSource h2 = inMemoryH2("shared-schema");
        try (Connection connection = h2.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("create table orders (id varchar(36) primary key)");

            try (SagaDatabase database = SagaDatabase.fromDataSource(h2)) {
                database.store().commit(inserting(saga("saga-1")));
            }

            assertThat(statement.executeQuery("select count(*) from orders").next()).isTrue();
        }
    }

    @Test
    void theApplicationsOwnFlywayDoesNotSeeSagittasMigrations() throws SQLException {
        JdbcDataSource h2 = inMemoryH2("app-flyway");
        try (Connection keepsTheDatabaseAlive = h2.getConnection();
                SagaDatabase database = SagaDatabase.fromDataSource(h2)) {
            Flyway applications = Flyway.configure().dataSource(h2).load();

            assertThat(applications.info().all()).isEmpty();
        }
    }

    @Test
    void anH2DatabaseWithoutThePostgresModeWorksToo() {
        try (SagaDatabase database = SagaDatabase.fromJdbcUrl("jdbc:h2:mem:plain;DB_CLOSE_DELAY=-1", "sa", "")) {
            database.store().commit(inserting(saga("saga-1")));

            assertThat(database.store().load(List.of("saga-1"))).containsEntry("saga-1", saga("saga-1"));
            assertThat(database.store().claimDueSagas(NOW, NOW.plusSeconds(60), 10)).containsExactly("saga-1");
        }
    }

    @Test
    void aUrlOfAnotherDatabaseIsRejectedWithTheSupportedOnes() {
        assertThatThrownBy(() -> SagaDatabase.fromJdbcUrl("jdbc:mysql://localhost/sagas", "root", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc:h2:").hasMessageContaining("jdbc:postgresql:");
    }

    private static JdbcDataSource inMemoryH2(String name) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + name + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE");
        return h2;
    }

    private static SagaRecord saga(String sagaId) {
        return new SagaRecord(sagaId, "trip", 1, SagaStatus.RUNNING, "{}", "[]", NOW, 1, null, null, null, NOW, NOW);
    }

    private static TransitionBatch inserting(SagaRecord saga) {
        return new TransitionBatch(List.of(saga), List.of(), List.of(), List.of(), List.of(), List.of());
    }
}
