package io.progressreports.launch;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.List;

/** What the store remembers of a job file's runs, through Spring Batch's repository. */
@Component
public class CompletedRuns {

    /** Instances read at a time, newest first. */
    private static final int PAGE = 20;

    private final JobRepository jobRepository;

    public CompletedRuns(JobRepository jobRepository) {
        this.jobRepository = jobRepository;
    }

    /**
     * Whether the job file's newest COMPLETED run of its own definition (no overrides) reaches {@code lastDay}: the
     * nightly report that day's run publishes. An ad-hoc run (other settings, an old range) is no such run. The
     * newest one decides, as the range of a run without overrides ends where the day it ran says.
     */
    public boolean nightlyCompleted(String job, LocalDate lastDay) {
        for (int start = 0; ; start += PAGE) {
            List<JobInstance> instances = jobRepository.getJobInstances(job, start, PAGE);
            for (JobInstance instance : instances) {
                // An instance ends with its last execution: none is made after one completes.
                JobExecution last = jobRepository.getLastJobExecution(instance);
                if (last != null && last.getStatus() == BatchStatus.COMPLETED
                        && "".equals(RunParameters.overrides(last.getJobParameters()))) {
                    return !LocalDate.parse(last.getJobParameters().getString("to")).isBefore(lastDay);
                }
            }
            if (instances.size() < PAGE) {
                return false;
            }
        }
    }
}
