package dev.sagitta.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.sagitta.engine.SagaStatus;
import dev.sagitta.engine.spi.SagaRecord;
import dev.sagitta.engine.spi.TransitionBatch;
import dev.sagitta.persistence.testing.PostgresTestDatabase;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

class PostgresSagaDatabaseTest {

    private static final Instant NOW = Instant.parse("2026-03-01T09:00:00.123Z");

    private static PostgresTestDatabase postgres;

    @BeforeAll
    static void createDatabase() {
        postgres = PostgresTestDatabase.create();
    }

    @AfterAll
    static void dropDatabase() {
        postgres.close();
    }

    @Test
    void thePoolItOpensSendsBatchedInsertsAsMultiRowInserts() {
        try (SagaDatabase database = postgres.openSagaDatabase()) {
            assertThat(((HikariDataSource) database.dataSource()).getDataSourceProperties())
                    .containsEntry("reWriteBatchedInserts", "true");
        }
    }

    @Test
    void aPostgresDataSourceIsRecognisedFromItsMetadataAndMigratedOnce() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(postgres.jdbcUrl());

        try (SagaDatabase database = SagaDatabase.fromDataSource(dataSource)) {
            database.store().commit(new TransitionBatch(List.of(saga("saga-1")), List.of(), List.of(), List.of(),
                    List.of(), List.of()));
        }
        try (SagaDatabase reopened = SagaDatabase.fromDataSource(dataSource)) {
            assertThat(reopened.store().load(List.of("saga-1"))).containsEntry("saga-1", saga("saga-1"));
        }
    }

    private static SagaRecord saga(String sagaId) {
        return new SagaRecord(sagaId, "trip", 1, SagaStatus.RUNNING, "{}", "[]", NOW, 1, null, null, "order-1", NOW,
                NOW);
    }
}
