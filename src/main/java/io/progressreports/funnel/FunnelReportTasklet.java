package io.progressreports.funnel;

import io.progressreports.report.DateRange;
import io.progressreports.store.DayPlan;
import io.progressreports.report.Manifest;
import io.progressreports.report.ReportPublisher;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders the report from stored cohort days into a staging folder, then publishes it atomically. */
public class FunnelReportTasklet implements Tasklet {

    public static final String JOB_FOLDER = "onboarding-funnel";
    public static final String PUBLISHED = "funnel.published";

    private final FunnelDayStore store;
    private final FunnelRun run;
    private final DayPlan plan;

    public FunnelReportTasklet(FunnelDayStore store, FunnelRun run, DayPlan plan) {
        this.store = store;
        this.run = run;
        this.plan = plan;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        JobExecution job = chunkContext.getStepContext().getStepExecution().getJobExecution();
        DateRange range = run.range();
        Map<LocalDate, FunnelDayAggregate> days = store.load(range.from(), range.to());
        FunnelReport report = FunnelReport.build(run.definition(), days, range, run.grain(), run.zone(), run.asOf());

        var publisher = new ReportPublisher(run.options().out().resolve(run.jobName()));
        Path staged = publisher.stage();
        List<String> files = new FunnelReportFiles(staged, run.options().bom())
                .write(report, run, run.dropoffs() ? store.dropoffs(range.from(), range.to()) : List.of());
        Manifest.write(staged, manifest(job, days), files);
        files.add(Manifest.FILE);
        Path published = publisher.publish(staged, range.label());
        job.getExecutionContext().putString(PUBLISHED, published.toString());
        return RepeatStatus.FINISHED;
    }

    private Map<String, Object> manifest(JobExecution job, Map<LocalDate, FunnelDayAggregate> days) {
        long used = 0;
        long rejected = 0;
        for (DateRange span : plan.spans()) {
            for (LocalDate day = span.from(); !day.isAfter(span.to()); day = day.plusDays(1)) {
                FunnelDayAggregate aggregate = days.get(day);
                if (aggregate != null) {
                    used += aggregate.namespaces();
                    rejected += aggregate.rejectedRows();
                }
            }
        }
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
        fields.put("source", ordered("url", job.getJobParameters().getString("source", ""),
                "table", run.table().toString()));
        fields.put("rows", ordered("read", used + rejected, "used", used, "rejected", rejected));
        fields.put("days", ordered("computed", plan.computedDays(), "reused", plan.reusedDays()));
        fields.put("partitions", ordered("computed", plan.spans().size()));
        LocalDateTime started = job.getStartTime();
        Instant start = started == null ? Instant.now() : started.atZone(ZoneId.systemDefault()).toInstant();
        Instant rendered = Instant.now();
        fields.put("timings", ordered("started", start.toString(), "rendered", rendered.toString(),
                "seconds", Duration.between(start, rendered).toMillis() / 1000.0));
        return fields;
    }

    /** Map.of has no stable order; the manifest should read the same way every time. */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        var map = new LinkedHashMap<String, Object>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
