package dev.sagitta.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class ErrorCodesTest {

    @Test
    void aStepFailedExceptionCarriesItsOwnCodeOrNoneForABusinessRefusal() {
        assertThat(ErrorCodes.of(new StepFailedException(ErrorCodes.RATE_LIMITED, "slow down"))).isEqualTo("rate-limited");
        assertThat(ErrorCodes.of(new StepFailedException("card declined"))).isNull();
    }

    @Test
    void timeoutsUnavailabilityAndDeadlocksAreRecognisedThroughCauses() {
        assertThat(ErrorCodes.of(new TimeoutException())).isEqualTo(ErrorCodes.TIMEOUT);
        assertThat(ErrorCodes.of(new SQLTimeoutException("statement timeout"))).isEqualTo(ErrorCodes.TIMEOUT);
        assertThat(ErrorCodes.of(new SQLTransientConnectionException("pool empty"))).isEqualTo(ErrorCodes.UNAVAILABLE);
        assertThat(ErrorCodes.of(new IllegalStateException("wrapped", new ConnectException("refused"))))
                .isEqualTo(ErrorCodes.UNAVAILABLE);
        assertThat(ErrorCodes.of(new RuntimeException(new SQLException("deadlock detected", "40P01"))))
                .isEqualTo(ErrorCodes.DEADLOCK);
        assertThat(ErrorCodes.of(new SQLException("could not serialize", "40001"))).isEqualTo(ErrorCodes.DEADLOCK);
    }

    @Test
    void anythingElseIsUnexpectedAndRetriedByDefault() {
        assertThat(ErrorCodes.of(new NullPointerException())).isEqualTo(ErrorCodes.UNEXPECTED);
        assertThat(ErrorCodes.of(new SQLException("syntax error", "42601"))).isEqualTo(ErrorCodes.UNEXPECTED);
        assertThat(ErrorCodes.DEFAULT_RETRYABLE).containsExactlyInAnyOrder("timeout", "unavailable", "rate-limited",
                "deadlock", "unexpected");
        assertThat(ErrorCodes.DEFAULT_RETRYABLE).doesNotContain(ErrorCodes.VALIDATION, ErrorCodes.DUPLICATE,
                ErrorCodes.SCHEMA_MISMATCH);
    }

    @Test
    void aCodeMustBeLowerCaseWordsJoinedByHyphens() {
        assertThat(ErrorCodes.requireCode("inventory-locked")).isEqualTo("inventory-locked");
        assertThatThrownBy(() -> ErrorCodes.requireCode("Rate Limited"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("error code must be lower-case words joined by hyphens, for example \"rate-limited\";"
                        + " was 'Rate Limited'");
        assertThatThrownBy(() -> new StepFailedException("", "why")).isInstanceOf(IllegalArgumentException.class);
    }
}
