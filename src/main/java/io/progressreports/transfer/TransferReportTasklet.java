package io.progressreports.transfer;

import io.progressreports.job.DayRows;
import io.progressreports.job.RangeRows;
import io.progressreports.job.RejectRate;
import io.progressreports.job.RunFigures;
import io.progressreports.report.DateRange;
import io.progressreports.report.Manifest;
import io.progressreports.report.ReportPublisher;
import io.progressreports.store.DayPlan;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders the report from stored days into a staging folder, then publishes it atomically. */
public class TransferReportTasklet implements Tasklet {

    /** A computed day the store does not have: none of its rows were read. */
    private static final DayRows NONE = new DayRows(0, 0, 0L);

    private final TransferDayStore store;
    private final TransferRun run;
    private final DayPlan plan;

    public TransferReportTasklet(TransferDayStore store, TransferRun run, DayPlan plan) {
        this.store = store;
        this.run = run;
        this.plan = plan;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        JobExecution job = chunkContext.getStepContext().getStepExecution().getJobExecution();
        DateRange range = run.range();
        var rows = new RangeRows(NONE);
        TransferReport report = rows.render(store, range, TransferDay::rows,
                days -> TransferReport.build(days, range, run.lastDay(), run.grain()));
        RunFigures figures = rows.figures(plan);
        figures.putInto(job.getExecutionContext());
        RejectRate rate = rows.rejectRate(run.options().maxRejectRate(), "rejects.csv");
        List<TransferDayStore.Reject> rejects = store.rejects(range.from(), range.to());
        Path published = new ReportPublisher(run.options().out().resolve(run.jobName())).write(range.label(),
                dir -> new TransferReportFiles(dir, run.options().bom()).write(report, run, rejects),
                manifest(job, rows, figures, rate));
        job.getExecutionContext().putString(ReportPublisher.PUBLISHED, published.toString());
        rate.putInto(job.getExecutionContext(), run.jobName(), published);
        return RepeatStatus.FINISHED;
    }

    private Map<String, Object> manifest(JobExecution job, RangeRows rows, RunFigures figures,
                                         RejectRate rejects) {
        var fields = new LinkedHashMap<String, Object>();
        fields.put("job", run.jobName());
        fields.put("kind", "transfer-speed");
        fields.put("execution_id", job.getId());
        fields.put("parameters", Manifest.ordered("from", run.range().from().toString(), "to",
                run.range().to().toString(), "as_of", run.asOf().toString(), "zone", run.zone().getId(), "grain",
                run.grain().label(), "grace", run.grace().toString(), "recompute", run.recompute()));
        fields.put("definition_id", run.definitionId());
        Map<String, Object> source = Manifest.ordered("url", job.getJobParameters().getString("source", ""),
                "steps_table", run.steps().toString(), "timings_table", run.timings().toString());
        source.putAll(run.source().manifest());
        fields.put("source", source);
        fields.put("rows", figures.rows());
        fields.put("rejects", rejects.manifest());
        Map<String, Object> days = figures.days();
        days.put("computed_because", plan.recomputed());
        fields.put("days", days);
        fields.put("partitions", Manifest.ordered("computed", plan.spans().size()));
        fields.put("index_advice", run.indexAdvice());
        fields.put("computed_days", rows.computedDays(plan));
        fields.put("timings", Manifest.timings(job.getStartTime()));
        return fields;
    }
}
