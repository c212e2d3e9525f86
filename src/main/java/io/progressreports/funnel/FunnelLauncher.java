package io.progressreports.funnel;

import io.progressreports.failure.UsageException;
import io.progressreports.launch.JobLaunches;
import io.progressreports.report.ReportPublisher;
import io.progressreports.source.SourceCatalog;
import io.progressreports.source.SourceIdentity;
import io.progressreports.source.TableName;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.stereotype.Component;

import java.nio.file.Path;
import java.util.List;

/** Checks a request against the source's catalog, then runs (or resumes) the funnel job for it. */
@Component
public class FunnelLauncher {

    private final SourceCatalog catalog;
    private final JobLaunches launches;
    private final Job onboardingFunnelJob;

    public FunnelLauncher(SourceCatalog catalog, JobLaunches launches, Job onboardingFunnelJob) {
        this.catalog = catalog;
        this.launches = launches;
        this.onboardingFunnelJob = onboardingFunnelJob;
    }

    public FunnelRun resolve(FunnelRequest request) {
        TableName table = catalog.table(request.table());
        FunnelLayout layout = request.layout().resolve(catalog, table);
        List<String> actions = request.actions() == null ? layout.actions(catalog, table) : request.actions();
        layout.checkColumns(catalog, table, actions);
        try {
            var definition = new FunnelDefinition(actions, request.steps(), request.window(),
                    request.order(), request.ages());
            SourceIdentity source = catalog.identity(layout.columnsRead(table, definition.actions()),
                    request.sourceZone());
            return new FunnelRun(request.jobName(), table, layout, definition, source, request.zone(), request.range(),
                    request.asOf(), request.grain(), request.recompute(), request.dropoffs(), request.options());
        } catch (IllegalArgumentException e) {
            throw new UsageException(request.stepsOrigin() == null ? e.getMessage()
                    : request.stepsOrigin() + ": " + e.getMessage());
        }
    }

    /** @return the published report folder */
    public Path run(FunnelRun run, String sourceLabel, int chunkSize) {
        JobExecution execution = launches.launch(run.jobName(), onboardingFunnelJob,
                attempt -> JobLaunches.withSettings(run.toJobParameters(attempt), sourceLabel, chunkSize));
        return Path.of(execution.getExecutionContext().getString(ReportPublisher.PUBLISHED));
    }
}
