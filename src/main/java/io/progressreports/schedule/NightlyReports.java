package io.progressreports.schedule;

import io.progressreports.launch.CompletedRuns;
import io.progressreports.launch.Published;
import io.progressreports.run.ReportRun;
import io.progressreports.run.RunOverrides;
import io.progressreports.run.RunRequests;
import org.springframework.context.ApplicationContext;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.function.Supplier;

/** The scheduled runs: each job file's nightly report, launched in the one application of the scheduler. */
public final class NightlyReports implements ScheduledReports {

    private final RunRequests requests;
    private final RunOverrides nightly;
    private final Supplier<? extends ApplicationContext> application;

    public NightlyReports(RunRequests requests, RunOverrides nightly,
                          Supplier<? extends ApplicationContext> application) {
        this.requests = requests;
        this.nightly = nightly;
        this.application = application;
    }

    /** Checks every job and starts the application up front: a bad job file or an unreachable store fails at start. */
    public void open(Iterable<ScheduledJob> jobs) {
        for (ScheduledJob job : jobs) {
            requests.prepare(job.name(), nightly);
        }
        application.get();
    }

    @Override
    public Published run(String job) {
        ReportRun run = requests.prepare(job, nightly);
        return run.launch(application.get());
    }

    @Override
    public boolean nightlyCompleted(String job, LocalDate lastDay) {
        return application.get().getBean(CompletedRuns.class).nightlyCompleted(job, lastDay);
    }
}
