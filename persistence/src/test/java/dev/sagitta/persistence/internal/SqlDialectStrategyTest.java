package dev.sagitta.persistence.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jooq.SQLDialect;
import org.junit.jupiter.api.Test;

class SqlDialectStrategyTest {

    @Test
    void theJdbcUrlPicksTheDialect() {
        assertThat(SqlDialectStrategy.forJdbcUrl("jdbc:h2:file:/data/sagitta;MODE=PostgreSQL").jooqDialect())
                .isEqualTo(SQLDialect.H2);
        assertThat(SqlDialectStrategy.forJdbcUrl("jdbc:postgresql://db:5432/sagas").jooqDialect())
                .isEqualTo(SQLDialect.POSTGRES);
    }

    @Test
    void theProductNameFromConnectionMetadataPicksTheDialect() {
        assertThat(SqlDialectStrategy.forProductName("H2").jooqDialect()).isEqualTo(SQLDialect.H2);
        assertThat(SqlDialectStrategy.forProductName("PostgreSQL").jooqDialect()).isEqualTo(SQLDialect.POSTGRES);
    }

    @Test
    void anotherDatabaseIsRejectedNamingTheSupportedOnes() {
        assertThatThrownBy(() -> SqlDialectStrategy.forJdbcUrl("jdbc:oracle:thin:@db:1521/sagas"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("H2").hasMessageContaining("PostgreSQL");
        assertThatThrownBy(() -> SqlDialectStrategy.forProductName("MySQL"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MySQL");
    }

    @Test
    void takenKeysAndDeadlocksAreLostRacesAndOtherFailuresAreNot() {
        SqlDialectStrategy postgres = SqlDialectStrategy.forJdbcUrl("jdbc:postgresql://db/sagas");
        SqlDialectStrategy h2 = SqlDialectStrategy.forJdbcUrl("jdbc:h2:mem:sagas");

        assertThat(postgres.isLostRace("23505")).as("unique_violation").isTrue();
        assertThat(postgres.isLostRace("40P01")).as("deadlock_detected").isTrue();
        assertThat(postgres.isLostRace("40001")).as("serialization_failure").isTrue();
        assertThat(postgres.isLostRace("23502")).as("not_null_violation").isFalse();
        assertThat(h2.isLostRace("23505")).as("duplicate key").isTrue();
        assertThat(h2.isLostRace("40001")).as("deadlock").isTrue();
        assertThat(h2.isLostRace("42S02")).as("table not found").isFalse();
    }
}
