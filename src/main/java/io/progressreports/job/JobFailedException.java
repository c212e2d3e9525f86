package io.progressreports.job;

import org.springframework.batch.core.job.JobExecution;

/** A job that ended other than COMPLETED; its cause is the step failure that decides the exit code. */
public class JobFailedException extends RuntimeException {

    public JobFailedException(JobExecution execution) {
        super(execution.getJobInstance().getJobName() + " " + execution.getStatus().name().toLowerCase()
                + " (execution " + execution.getId() + ")", execution.getAllFailureExceptions().stream().findFirst()
                .orElse(null));
    }
}
