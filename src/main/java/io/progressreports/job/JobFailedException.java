package io.progressreports.job;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

/**
 * A job that ended other than COMPLETED; its cause is the step failure that decides the exit code. A STOPPED
 * job (SIGTERM) has no failure: the same command resumes it.
 */
public class JobFailedException extends RuntimeException {

    private final boolean stopped;

    public JobFailedException(JobExecution execution) {
        super(execution.getJobInstance().getJobName() + " " + execution.getStatus().name().toLowerCase()
                + " (execution " + execution.getId() + ")" + (execution.getStatus() == BatchStatus.STOPPED
                ? "; the same command resumes it" : ""), execution.getStatus() == BatchStatus.STOPPED ? null
                : execution.getAllFailureExceptions().stream().findFirst().orElse(null));
        this.stopped = execution.getStatus() == BatchStatus.STOPPED;
    }

    public boolean stopped() {
        return stopped;
    }
}
