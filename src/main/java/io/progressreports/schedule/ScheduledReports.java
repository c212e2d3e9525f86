package io.progressreports.schedule;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/** What the scheduler runs, and what it asks the store. */
public interface ScheduledReports {

    /**
     * Runs the job file's nightly report, as {@code run <job>} with no flags does.
     *
     * @return the published report folder
     */
    Path run(String job);

    /** When the job's last COMPLETED run started, if one did. */
    Optional<Instant> lastCompletedStart(String job);
}
