package io.progressreports.launch;

import io.progressreports.alert.Alert;
import io.progressreports.alert.BrokenRules;
import io.progressreports.failure.ExitCodes;
import io.progressreports.failure.JobFailedException;
import io.progressreports.failure.OutputException;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobExecutionException;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.dao.DataAccessResourceFailureException;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The exit code recorded for an execution is the one the process ends with. */
class RunOutcomesTest {

    private static JobExecution execution(BatchStatus status, Throwable failure) {
        var execution = new JobExecution(7, new JobInstance(3, "onboardingFunnel"), new JobParameters());
        execution.setStatus(status);
        if (failure != null) {
            execution.addFailureException(failure);
        }
        return execution;
    }

    @Test
    void completedIsZeroAndStoppedIsWhatASigtermGives() {
        assertThat(RunOutcomes.exitCode(execution(BatchStatus.COMPLETED, null))).isZero();
        assertThat(RunOutcomes.exitCode(execution(BatchStatus.STOPPED, null))).isEqualTo(143);
    }

    @Test
    void aFailureMapsThroughItsFirstExceptionAsTheCommandLineDoes() {
        var cannotWrite = new OutputException("cannot write", new IOException("disk full"));
        assertThat(RunOutcomes.exitCode(execution(BatchStatus.FAILED, cannotWrite)))
                .isEqualTo(ExitCodes.of(new JobFailedException("onboardingFunnel",
                        execution(BatchStatus.FAILED, cannotWrite))))
                .isEqualTo(ExitCodes.CANNOT_CREATE);
        assertThat(RunOutcomes.exitCode(execution(BatchStatus.FAILED, null))).isEqualTo(ExitCodes.SOFTWARE);
    }

    @Test
    void aFailedPartitionDecidesRatherThanThePartitionedStepsSummary() {
        JobExecution execution = execution(BatchStatus.FAILED,
                new JobExecutionException("Partition handler returned an unsuccessful step"));
        execution.addFailureException(new DataAccessResourceFailureException("connection lost"));
        assertThat(RunOutcomes.exitCode(execution)).isEqualTo(ExitCodes.UNAVAILABLE);
    }

    @Test
    void aCompletedRunOverItsRejectThresholdIs65() {
        JobExecution execution = execution(BatchStatus.COMPLETED, null);
        new RejectRate(3, 10, new BigDecimal("0.2"), "rejects.csv").putInto(execution.getExecutionContext(),
                "transfer-speed", Path.of("out"));
        assertThat(RunOutcomes.exitCode(execution)).isEqualTo(ExitCodes.DATA);
        assertThat(RejectRate.exceeded(execution.getExecutionContext())).hasValueSatisfying(verdict -> assertThat(
                verdict).startsWith("transfer-speed: 30% of rows rejected (3 of 10), over max-reject-rate 20%"));
    }

    @Test
    void aRateAtTheThresholdIsNotOverIt() {
        assertThat(new RejectRate(1, 20, new BigDecimal("0.05"), "rejects.csv").exceeded()).isFalse();
        assertThat(new RejectRate(2, 20, new BigDecimal("0.05"), "rejects.csv").exceeded()).isTrue();
        assertThat(new RejectRate(1, 1, BigDecimal.ONE, "rejects.csv").exceeded()).isFalse();
        assertThat(new RejectRate(1, 20, BigDecimal.ZERO, "rejects.csv").exceeded()).isTrue();
        assertThat(new RejectRate(0, 0, BigDecimal.ZERO, "rejects.csv").exceeded()).isFalse();
        assertThat(new RejectRate(5, 5, null, "rejects.csv").exceeded()).isFalse();
    }

    @Test
    void aCompletedRunThatBrokeAnAlertRuleIs3UnlessItsRejectsMake65() {
        JobExecution execution = execution(BatchStatus.COMPLETED, null);
        var alert = new Alert("reject_rate above 2%", "reject_rate", LocalDate.parse("2026-10-01"),
                LocalDate.parse("2026-11-01"), 0.3, 0.02);
        BrokenRules.putInto(execution.getExecutionContext(), List.of(alert));
        assertThat(RunOutcomes.exitCode(execution)).isEqualTo(ExitCodes.ALERT);
        assertThat(BrokenRules.from(execution.getExecutionContext())).containsExactly(alert);

        new RejectRate(3, 10, new BigDecimal("0.2"), "rejects.csv").putInto(execution.getExecutionContext(),
                "transfer-speed", Path.of("out"));
        assertThat(RunOutcomes.exitCode(execution)).isEqualTo(ExitCodes.DATA);
    }

    @Test
    void aRunWithoutAlertsHasNone() {
        JobExecution execution = execution(BatchStatus.COMPLETED, null);
        BrokenRules.putInto(execution.getExecutionContext(), List.of());
        assertThat(RunOutcomes.exitCode(execution)).isZero();
        assertThat(BrokenRules.from(execution.getExecutionContext())).isEmpty();
    }
}
