package io.progressreports.transfer;

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
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders the report from stored days into a staging folder, then publishes it atomically. */
public class TransferReportTasklet implements Tasklet {

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
        Map<LocalDate, TransferDay> days = store.load(range.from(), range.to());
        TransferReport report = TransferReport.build(days, range, run.lastDay(), run.grain());
        RunFigures figures = figures(days);
        figures.putInto(job.getExecutionContext());
        RejectRate rate = RejectRate.over(days.values(), TransferDay::rejectedRows, TransferDay::transfers,
                run.options().maxRejectRate(), "rejects.csv");
        List<TransferDayStore.Reject> rejects = store.rejects(range.from(), range.to());
        Path published = new ReportPublisher(run.options().out().resolve(run.jobName())).write(range.label(),
                dir -> new TransferReportFiles(dir, run.options().bom()).write(report, run, rejects),
                manifest(job, days, figures, rate));
        job.getExecutionContext().putString(ReportPublisher.PUBLISHED, published.toString());
        rate.putInto(job.getExecutionContext(), run.jobName(), published);
        return RepeatStatus.FINISHED;
    }

    private RunFigures figures(Map<LocalDate, TransferDay> days) {
        List<TransferDay> computed = plan.computed().map(day -> stored(days, day)).toList();
        return RunFigures.of(computed.stream().mapToLong(TransferDay::transfers).sum(),
                computed.stream().mapToLong(TransferDay::rejectedRows).sum(),
                computed.stream().mapToLong(TransferDay::untimed).sum(), plan);
    }

    private static TransferDay stored(Map<LocalDate, TransferDay> days, LocalDate day) {
        return days.getOrDefault(day, new TransferDay());
    }

    private Map<String, Object> manifest(JobExecution job, Map<LocalDate, TransferDay> days, RunFigures figures,
                                         RejectRate rejects) {
        var fields = new LinkedHashMap<String, Object>();
        fields.put("job", run.jobName());
        fields.put("kind", "transfer-speed");
        fields.put("execution_id", job.getId());
        fields.put("parameters", Manifest.ordered("from", run.range().from().toString(), "to",
                run.range().to().toString(), "as_of", run.asOf().toString(), "zone", run.zone().getId(), "grain",
                run.grain().label(), "grace", run.grace().toString(), "recompute", run.recompute()));
        fields.put("definition_id", run.definitionId());
        fields.put("source", Manifest.ordered("url", job.getJobParameters().getString("source", ""), "steps_table",
                run.steps().toString(), "timings_table", run.timings().toString()));
        List<Map<String, Object>> perDay = plan.computed().map(day -> {
            TransferDay stored = stored(days, day);
            return RunFigures.day(day, stored.transfers(), stored.rejectedRows(), stored.untimed());
        }).toList();
        fields.put("rows", figures.rows());
        fields.put("rejects", rejects.manifest());
        fields.put("days", figures.days());
        fields.put("partitions", Manifest.ordered("computed", plan.spans().size()));
        fields.put("index_advice", run.indexAdvice());
        fields.put("computed_days", perDay);
        fields.put("timings", Manifest.timings(job.getStartTime()));
        return fields;
    }
}
