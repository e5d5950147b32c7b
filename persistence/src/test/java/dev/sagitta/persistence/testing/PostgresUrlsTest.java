package dev.sagitta.persistence.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PostgresUrlsTest {

    @Test
    void theDatabaseIsReplacedAndTheParametersKept() {
        assertThat(PostgresUrls.withDatabase("jdbc:postgresql://127.0.0.1:5432/test?user=postgres", "fresh"))
                .isEqualTo("jdbc:postgresql://127.0.0.1:5432/fresh?user=postgres");
    }

    @Test
    void aUrlWithoutDatabaseOrParametersGetsTheDatabase() {
        assertThat(PostgresUrls.withDatabase("jdbc:postgresql://db", "fresh")).isEqualTo("jdbc:postgresql://db/fresh");
        assertThat(PostgresUrls.withDatabase("jdbc:postgresql://db/?ssl=true", "fresh"))
                .isEqualTo("jdbc:postgresql://db/fresh?ssl=true");
        assertThat(PostgresUrls.withDatabase("jdbc:postgresql://db?ssl=true", "fresh"))
                .isEqualTo("jdbc:postgresql://db/fresh?ssl=true");
    }
}
