package io.progressreports.job;

import io.progressreports.cli.RunLockedException;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import io.progressreports.store.RunLock;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;

import java.util.function.LongFunction;

/**
 * Starts a job, or resumes it: the same command after a failure restarts the failed instance (finished
 * partitions are not redone); after a success it starts a fresh instance, which reuses the stored days.
 */
@Component
public class JobLaunches {

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final DataSource store;

    public JobLaunches(JobOperator jobOperator, JobRepository jobRepository, DataSource storeDataSource) {
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.store = storeDataSource;
    }

    /**
     * Runs the job for the report job {@code name}, holding that name's run lock throughout.
     *
     * @param parameters the job parameters of the n-th identical request (n from 1)
     */
    public JobExecution launch(String name, Job job, LongFunction<JobParameters> parameters) {
        try (RunLock lock = RunLock.acquire(store, name)) {
            JobExecution execution = startOrResume(job, parameters);
            if (execution.getStatus() != BatchStatus.COMPLETED) {
                throw new JobFailedException(execution);
            }
            return execution;
        } catch (JobFailedException | RunLockedException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start " + job.getName() + ": " + e.getMessage(), e);
        }
    }

    private JobExecution startOrResume(Job job, LongFunction<JobParameters> parameters) throws Exception {
        for (long attempt = 1; ; attempt++) {
            JobParameters candidate = parameters.apply(attempt);
            JobExecution last = jobRepository.getLastJobExecution(job.getName(), candidate);
            if (last == null) {
                return jobOperator.start(job, candidate);
            }
            if (last.getStatus() == BatchStatus.COMPLETED || last.getStatus() == BatchStatus.ABANDONED) {
                continue;
            }
            if (last.getStatus().isRunning()) {
                // Left STARTED by a process that died: mark it failed so it can be restarted.
                jobOperator.recover(last);
            }
            // Starting the failed instance again restarts it, but with this command's non-identifying parameters
            // (output folder, BOM), so a run that failed on an unwritable folder can be pointed at another one.
            return jobOperator.start(job, candidate);
        }
    }

    public static JobParameters withSource(JobParameters parameters, String sourceLabel) {
        return new JobParametersBuilder(parameters).addString("source", sourceLabel, false).toJobParameters();
    }
}
