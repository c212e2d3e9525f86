package io.progressreports.schedule;

import java.nio.file.Path;
import java.time.LocalDate;

/** What the scheduler runs, and what it asks the store. */
public interface ScheduledReports {

    /**
     * Runs the job file's nightly report, as {@code run <job>} with no flags does.
     *
     * @return the published report folder
     */
    Path run(String job);

    /**
     * Whether the job's own nightly report (its job file's definition) over a range up to {@code lastDay}
     * completed.
     */
    boolean nightlyCompleted(String job, LocalDate lastDay);
}
