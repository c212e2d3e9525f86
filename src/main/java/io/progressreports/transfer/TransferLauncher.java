package io.progressreports.transfer;

import io.progressreports.job.JobLaunches;
import io.progressreports.report.ReportPublisher;
import io.progressreports.source.SourceCatalog;
import io.progressreports.source.TableName;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.stereotype.Component;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/** Checks a request against the source's catalog, then runs (or resumes) the transfer-speed job for it. */
@Component
public class TransferLauncher {

    /** The columns the reader uses, and those an index should lead with so a partition reads only its days. */
    public static final List<String> STEP_COLUMNS = List.of("id", "step", "status", "total_items", "completed_items",
            "updated_at");
    public static final List<String> TIMING_COLUMNS = List.of("deployment_step_id", "started_at", "finished_at");
    public static final String STEPS_INDEX_COLUMN = "updated_at";
    public static final String TIMINGS_INDEX_COLUMN = "finished_at";

    private final SourceCatalog catalog;
    private final JobLaunches launches;
    private final Job transferSpeedJob;

    public TransferLauncher(SourceCatalog catalog, JobLaunches launches, Job transferSpeedJob) {
        this.catalog = catalog;
        this.launches = launches;
        this.transferSpeedJob = transferSpeedJob;
    }

    public TransferRun resolve(TransferRequest request) {
        TableName steps = catalog.table(request.stepsTable());
        TableName timings = catalog.table(request.timingsTable());
        catalog.requireColumns(steps, STEP_COLUMNS);
        catalog.requireColumns(timings, TIMING_COLUMNS);
        var advice = new ArrayList<String>();
        if (!catalog.hasIndexOn(timings, TIMINGS_INDEX_COLUMN)) {
            advice.add(SourceCatalog.indexStatement(timings, TIMINGS_INDEX_COLUMN));
        }
        if (!catalog.hasIndexOn(steps, STEPS_INDEX_COLUMN)) {
            advice.add(SourceCatalog.indexStatement(steps, STEPS_INDEX_COLUMN));
        }
        var read = new LinkedHashMap<TableName, List<String>>();
        read.put(steps, STEP_COLUMNS);
        read.put(timings, TIMING_COLUMNS);
        return new TransferRun(request.jobName(), steps, timings, catalog.identity(read, request.sourceZone()),
                request.zone(), request.range(), request.asOf(),
                request.grain(), request.grace(), request.recompute(), request.options(), advice);
    }

    /** @return the published report folder */
    public Path run(TransferRun run, String sourceLabel) {
        JobExecution execution = launches.launch(run.jobName(), transferSpeedJob,
                attempt -> JobLaunches.withSource(run.toJobParameters(attempt), sourceLabel));
        return Path.of(execution.getExecutionContext().getString(ReportPublisher.PUBLISHED));
    }
}
