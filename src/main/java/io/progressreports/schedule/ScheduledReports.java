package io.progressreports.schedule;

import io.progressreports.launch.Published;

import java.time.LocalDate;

/** What the scheduler runs, and what it asks the store. */
public interface ScheduledReports {

    /**
     * Runs the job file's nightly report, as {@code run <job>} with no flags does.
     *
     * @return the published report, and the alert rules its run broke
     */
    Published run(String job);

    /**
     * Whether the job's own nightly report (its job file's definition) over a range up to {@code lastDay}
     * completed.
     */
    boolean nightlyCompleted(String job, LocalDate lastDay);
}
