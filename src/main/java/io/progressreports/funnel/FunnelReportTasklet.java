package io.progressreports.funnel;

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
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/** Renders the report from stored cohort days into a staging folder, then publishes it atomically. */
public class FunnelReportTasklet implements Tasklet {

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
        Map<LocalDate, FunnelDayAggregate> days = store.load(range.from(), range.to());
        long unplaced = unplacedRows.getAsLong();
        FunnelReport report = FunnelReport.build(run.definition(), days, range, run.grain(), run.zone(), run.asOf(),
                unplaced);

        RunFigures figures = figures(days);
        figures.putInto(job.getExecutionContext());

        RejectRate rejects = RejectRate.over(days.values(), FunnelDayAggregate::rejectedRows,
                FunnelDayAggregate::namespaces, run.options().maxRejectRate(), "data_quality.csv");

        List<FunnelDayStore.Dropoff> dropoffs = run.dropoffs() ? store.dropoffs(range.from(), range.to()) : List.of();
        Path published = new ReportPublisher(run.options().out().resolve(run.jobName())).write(range.label(),
                dir -> new FunnelReportFiles(dir, run.options().bom()).write(report, run, dropoffs),
                manifest(job, days, figures, unplaced, rejects));
        job.getExecutionContext().putString(ReportPublisher.PUBLISHED, published.toString());
        rejects.putInto(job.getExecutionContext(), run.jobName(), published);
        return RepeatStatus.FINISHED;
    }

    private RunFigures figures(Map<LocalDate, FunnelDayAggregate> days) {
        List<FunnelDayAggregate> computed = plan.computed().map(days::get).filter(Objects::nonNull).toList();
        return RunFigures.of(computed.stream().mapToLong(FunnelDayAggregate::namespaces).sum(),
                computed.stream().mapToLong(FunnelDayAggregate::rejectedRows).sum(), null, plan);
    }

    private Map<String, Object> manifest(JobExecution job, Map<LocalDate, FunnelDayAggregate> days,
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
        fields.put("source", Manifest.ordered("url", job.getJobParameters().getString("source", ""),
                "table", run.table().toString(), "layout", run.layout().label()));
        Map<String, Object> rows = figures.rows();
        rows.put("unplaced", unplaced);
        fields.put("rows", rows);
        fields.put("rejects", rejects.manifest());
        fields.put("days", figures.days());
        fields.put("partitions", Manifest.ordered("computed", plan.spans().size()));
        fields.put("computed_days", plan.computed().map(day -> {
            FunnelDayAggregate stored = days.getOrDefault(day, FunnelDayAggregate.empty(run.definition()));
            return RunFigures.day(day, stored.namespaces(), stored.rejectedRows(), null);
        }).toList());
        fields.put("timings", Manifest.timings(job.getStartTime()));
        return fields;
    }
}
