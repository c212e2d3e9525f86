package io.progressreports.job;

import io.progressreports.cli.ExitCodes;
import io.progressreports.report.OutputException;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;

import java.io.IOException;

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
                .isEqualTo(ExitCodes.of(new JobFailedException(execution(BatchStatus.FAILED, cannotWrite))))
                .isEqualTo(ExitCodes.CANNOT_CREATE);
        assertThat(RunOutcomes.exitCode(execution(BatchStatus.FAILED, null))).isEqualTo(ExitCodes.SOFTWARE);
    }
}
