package io.progressreports.cli;

import io.progressreports.failure.ExitCodes;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.PessimisticLockingFailureException;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

/** Failures that waiting mends are exit 75, whatever Spring wrapped them in. */
class ExitCodesTest {

    @Test
    void aStoreSerializationFailureOrDeadlockIsTemporary() {
        assertThat(ExitCodes.of(new PessimisticLockingFailureException("store", new SQLException(
                "ERROR: could not serialize access due to concurrent update", "40001")))).isEqualTo(ExitCodes.TEMPORARY);
        assertThat(ExitCodes.of(new CannotAcquireLockException("store", new SQLException(
                "ERROR: deadlock detected", "40P01")))).isEqualTo(ExitCodes.TEMPORARY);
        assertThat(ExitCodes.of(new IllegalStateException("x", new SQLException("ERROR: division by zero", "22012"))))
                .isEqualTo(ExitCodes.SOFTWARE);
    }

    /** Hikari's pool timeout carries no SQLState when no connection attempt failed in time (a loaded machine). */
    @Test
    void aPoolTimeoutWithoutSqlStateIsUnavailable() {
        assertThat(ExitCodes.of(new IllegalStateException("x", new SQLTransientConnectionException(
                "store - Connection is not available, request timed out after 5066ms", (String) null))))
                .isEqualTo(ExitCodes.UNAVAILABLE);
    }
}
