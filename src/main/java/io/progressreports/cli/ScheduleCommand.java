package io.progressreports.cli;

import io.progressreports.failure.ExitCodes;
import io.progressreports.failure.UsageException;
import io.progressreports.job.JobFiles;
import io.progressreports.run.RunOverrides;
import io.progressreports.run.RunRequests;
import io.progressreports.schedule.ClockSleeper;
import io.progressreports.schedule.NightlyReports;
import io.progressreports.schedule.ScheduledJob;
import io.progressreports.schedule.Scheduler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "schedule", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run every job file that has a schedule at its cron times, until stopped: what jobs/crontab "
                + "does, for machines without cron, and with catch-up.",
                "Each run is what 'run <job>' with no range flags does: the job file's 'last' days up to the start "
                        + "of today in the job's zone. One run of a job at a time (a cron time that passes during a "
                        + "run is skipped); different jobs run side by side. A failed run is logged with its exit "
                        + "code and does not stop the scheduler; a job another process is running is skipped.",
                "On start, a job whose own nightly report for its last cron time (the job file's definition, the "
                        + "range up to the day before) is not in the store runs at once; ad-hoc runs do not count.",
                "A run that fails for a reason that passes (exit 75: store serialization failure or deadlock; 69: "
                        + "source or store unreachable) is retried after 1, 2, 4, 8, 16, 32, then every 60 minutes, "
                        + "while that comes before the next cron time."},
        footer = {"", "A job file's schedule, read as crontab(5) reads it: five fields or @hourly/@daily/@weekly/@monthly/"
                + "@yearly; day-of-month OR day-of-week when both are set; L, W, # and seconds are refused (exit 64). "
                + "Zone: the schedule's, else the job's, else UTC:",
                "  schedule:",
                "    cron: \"30 2 * * *\"",
                "    zone: UTC",
                "", "Logs go to stderr: each run's start, end, exit code and report folder.",
                "On SIGTERM or SIGINT it starts nothing new, stops running jobs at their next chunk boundary (a "
                        + "later run resumes them) and exits: 0 if it was idle, 143 (SIGTERM) or 130 (SIGINT) if it "
                        + "stopped a job.",
                "Exit codes at start: 64 bad job file or no job with a schedule, 69 store unreachable."})
public class ScheduleCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Override
    public Integer call() throws InterruptedException {
        JobFiles jobFiles = connection.jobFiles();
        List<ScheduledJob> jobs = ScheduledJob.in(jobFiles);
        if (jobs.isEmpty()) {
            throw new UsageException("no job file in " + jobFiles.dir() + " has a schedule (see --help)");
        }
        Clock clock = Clock.systemUTC();
        try (var application = new LazyApplication(connection.settings())) {
            var reports = new NightlyReports(new RunRequests(jobFiles, clock), RunOverrides.nightly(connection.out),
                    application::get);
            var scheduler = new Scheduler(jobs, clock, new ClockSleeper(clock), reports);
            try (var shutdown = GracefulShutdown.forSchedule(scheduler, application)) {
                reports.open(jobs);
                scheduler.run();
            }
            return ExitCodes.OK;
        }
    }
}
