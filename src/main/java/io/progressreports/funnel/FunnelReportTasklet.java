package io.progressreports.funnel;

import io.progressreports.day.DayPlan;
import io.progressreports.launch.DayRows;
import io.progressreports.launch.RangeRenderer;
import io.progressreports.launch.RejectRate;
import io.progressreports.launch.RunFigures;
import io.progressreports.launch.RunParameters;
import io.progressreports.report.DateRange;
import io.progressreports.report.Manifest;
import io.progressreports.report.ReportPublisher;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/** Renders the report from stored cohort days into a staging folder, then publishes it atomically. */
public class FunnelReportTasklet implements Tasklet {

    /** A computed day the store does not have: none of its rows were read. */
    private static final DayRows NONE = new DayRows(0, 0, null, null);

    private final FunnelDayStore store;
    private final FunnelRun run;
    private final DayPlan plan;
    private final LongSupplier unplacedRows;

    /** @param unplacedRows counts the source's rows of no cohort (see {@link UnplacedRows}) */
    public FunnelReportTasklet(FunnelDayStore store, FunnelRun run, DayPlan plan, LongSupplier unplacedRows) {
        this.store = store;
        this.run = run;
        this.plan = plan;
        this.unplacedRows = unplacedRows;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        JobExecution job = chunkContext.getStepContext().getStepExecution().getJobExecution();
        DateRange range = run.range();
        long unplaced = unplacedRows.getAsLong();
        var rows = new RangeRenderer(NONE);
        FunnelReport report = rows.render(store, range, FunnelDayAggregate::rows, days -> FunnelReport.build(
                run.definition(), days, range, run.grain(), run.zone(), run.asOf(), unplaced));

        RunFigures figures = rows.figures(plan);
        figures.putInto(job.getExecutionContext());

        RejectRate rejects = rows.rejectRate(run.options().maxRejectRate(), "data_quality.csv");

        List<FunnelDayStore.Dropoff> dropoffs = run.dropoffs() ? store.dropoffs(range.from(), range.to()) : List.of();
        Path published = new ReportPublisher(run.options().out().resolve(run.jobName())).write(
                RunParameters.folder(job.getJobParameters()), run.options().latest(),
                dir -> new FunnelReportFiles(dir, run.options().bom()).write(report, run, dropoffs),
                manifest(job, rows, figures, unplaced, rejects));
        job.getExecutionContext().putString(ReportPublisher.PUBLISHED, published.toString());
        rejects.putInto(job.getExecutionContext(), run.jobName(), published);
        return RepeatStatus.FINISHED;
    }

    private Map<String, Object> manifest(JobExecution job, RangeRenderer rows,
                                         RunFigures figures, long unplaced, RejectRate rejects) {
        var fields = new LinkedHashMap<String, Object>();
        fields.put("job", run.jobName());
        fields.put("kind", "funnel");
        fields.put("execution_id", job.getId());
        var parameters = new LinkedHashMap<String, Object>();
        parameters.put("from", run.range().from().toString());
        parameters.put("to", run.range().to().toString());
        parameters.put("as_of", run.asOf().toString());
        parameters.put("zone", run.zone().getId());
        parameters.put("grain", run.grain().label());
        parameters.put("steps", run.definition().stepNames());
        parameters.put("window", run.definition().window().toString());
        parameters.put("order", run.definition().order().label());
        parameters.put("ages", run.definition().completionAges().stream().map(Duration::toString).toList());
        parameters.put("recompute", run.recompute());
        parameters.put("dropoffs", run.dropoffs());
        fields.put("parameters", parameters);
        fields.put("definition_id", run.definitionId());
        Map<String, Object> source = Manifest.ordered("url", job.getJobParameters().getString("source", ""),
                "table", run.table().toString(), "layout", run.layout().label());
        source.putAll(run.source().manifest());
        fields.put("source", source);
        Map<String, Object> read = figures.rows();
        read.put("unplaced", unplaced);
        fields.put("rows", read);
        fields.put("rejects", rejects.manifest());
        Map<String, Object> days = figures.days();
        days.put("computed_because", plan.recomputed());
        fields.put("days", days);
        fields.put("partitions", Manifest.ordered("computed", plan.spans().size()));
        fields.put("computed_days", rows.computedDays(plan));
        fields.put("timings", Manifest.timings(job.getStartTime()));
        return fields;
    }
}
