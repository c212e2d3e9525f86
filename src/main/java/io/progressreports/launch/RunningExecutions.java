package io.progressreports.launch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The job executions this application is running, so that SIGTERM can stop them at their next chunk boundary (they
 * end STOPPED, and the same command resumes them) rather than have the store closed under them.
 */
@Component
public class RunningExecutions {

    private static final Logger log = LoggerFactory.getLogger(RunningExecutions.class);
    private static final long POLL_MILLIS = 100;

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Set<Launch> launches = ConcurrentHashMap.newKeySet();
    private boolean stopping;

    public RunningExecutions(JobOperator jobOperator, JobRepository jobRepository) {
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
    }

    /**
     * A start or restart, known by its job and identifying parameters until the execution it makes exists.
     *
     * @param flow what the job runs, as the log names it
     */
    private record Launch(String flow, String jobName, JobParameters parameters) {
    }

    /** Runs {@code start}, which starts or restarts the job's instance for {@code parameters} and waits for it. */
    JobExecution track(String flow, String jobName, JobParameters parameters, Callable<JobExecution> start)
            throws Exception {
        var launch = new Launch(flow, jobName, parameters);
        synchronized (this) {
            if (stopping) {
                throw new IllegalStateException("not starting " + flow + ": the process is stopping");
            }
            launches.add(launch);
        }
        try {
            return start.call();
        } finally {
            launches.remove(launch);
        }
    }

    /**
     * Refuses new launches, asks every running execution to stop, and waits until all launches have returned or
     * the deadline passes. Polls, because a launch's execution may not exist yet when the stop is asked for.
     *
     * @return whether any execution had to be stopped
     */
    public boolean stopAll(Instant deadline) {
        synchronized (this) {
            stopping = true;
        }
        Set<Long> stopped = new HashSet<>();
        while (!launches.isEmpty() && Instant.now().isBefore(deadline)) {
            for (Launch launch : launches) {
                stop(launch, stopped);
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (!launches.isEmpty()) {
            log.warn("{} job execution(s) still running at the deadline; their next run recovers them",
                    launches.size());
        }
        return !stopped.isEmpty();
    }

    private void stop(Launch launch, Set<Long> stopped) {
        try {
            JobExecution execution = jobRepository.getLastJobExecution(launch.jobName(), launch.parameters());
            if (execution == null || stopped.contains(execution.getId())
                    || (execution.getStatus() != BatchStatus.STARTING && execution.getStatus() != BatchStatus.STARTED)) {
                return;
            }
            log.info("stopping {} execution {} at its next chunk boundary; the same command resumes it",
                    launch.flow(), execution.getId());
            jobOperator.stop(execution.getId());
            stopped.add(execution.getId());
        } catch (Exception e) {
            // It ended, or changed under us, in between: the next poll sees its new state.
            log.debug("cannot stop {} yet: {}", launch.flow(), e.getMessage());
        }
    }
}
