package io.progressreports.schedule;

import io.progressreports.launch.CompletedRuns;
import io.progressreports.run.ReportRun;
import io.progressreports.run.RunOverrides;
import io.progressreports.run.RunRequests;
import org.springframework.context.ApplicationContext;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.function.IntFunction;

/** Scheduled runs launched in started applications, one per chunk size (see cli.ReportApplications). */
public final class ApplicationReports implements ScheduledReports {

    private final RunRequests requests;
    private final RunOverrides nightly;
    private final IntFunction<ApplicationContext> applicationForChunkSize;

    public ApplicationReports(RunRequests requests, RunOverrides nightly,
                              IntFunction<ApplicationContext> applicationForChunkSize) {
        this.requests = requests;
        this.nightly = nightly;
        this.applicationForChunkSize = applicationForChunkSize;
    }

    /** Starts the application of every job up front, so a bad job file or an unreachable store fails at start. */
    public void open(Iterable<ScheduledJob> jobs) {
        for (ScheduledJob job : jobs) {
            applicationFor(requests.prepare(job.name(), nightly));
        }
    }

    @Override
    public Path run(String job) {
        ReportRun run = requests.prepare(job, nightly);
        return run.launch(applicationFor(run));
    }

    @Override
    public boolean nightlyCompleted(String job, LocalDate lastDay) {
        return applicationFor(requests.prepare(job, nightly)).getBean(CompletedRuns.class).nightlyCompleted(job,
                lastDay);
    }

    private ApplicationContext applicationFor(ReportRun run) {
        return applicationForChunkSize.apply(run.chunkSize());
    }
}
