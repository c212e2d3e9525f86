package io.progressreports.failure;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobExecutionException;

import java.util.List;

/**
 * A job that ended other than COMPLETED; its cause is the step failure that decides the exit code. A STOPPED
 * job (SIGTERM) has no failure: the same command resumes it.
 */
public class JobFailedException extends RuntimeException {

    private final boolean stopped;

    /** @param flow what the job ran, as the message names it */
    public JobFailedException(String flow, JobExecution execution) {
        super(flow + " " + execution.getStatus().name().toLowerCase()
                + " (execution " + execution.getId() + ")" + (execution.getStatus() == BatchStatus.STOPPED
                ? "; the same command resumes it" : ""), execution.getStatus() == BatchStatus.STOPPED ? null
                : cause(execution));
        this.stopped = execution.getStatus() == BatchStatus.STOPPED;
    }

    /**
     * The failure that explains a failed execution, the one its exit code comes from: a partition's own failure
     * rather than the partitioned step's summary that one failed (a JobExecutionException, which says nothing of
     * why); null if it has none.
     */
    public static Throwable cause(JobExecution execution) {
        List<Throwable> failures = execution.getAllFailureExceptions();
        return failures.stream().filter(failure -> !(failure instanceof JobExecutionException)).findFirst()
                .orElse(failures.isEmpty() ? null : failures.get(0));
    }

    public boolean stopped() {
        return stopped;
    }
}
