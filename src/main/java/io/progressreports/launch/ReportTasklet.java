package io.progressreports.launch;

import io.progressreports.alert.Alert;
import io.progressreports.alert.AlertRule;
import io.progressreports.alert.BrokenRules;
import io.progressreports.alert.RunAlerts;
import io.progressreports.compare.Point;
import io.progressreports.day.DayPlan;
import io.progressreports.day.DayRun;
import io.progressreports.page.KindPage;
import io.progressreports.page.ReportPage;
import io.progressreports.page.ReportsIndex;
import io.progressreports.report.CsvFiles;
import io.progressreports.report.DateRange;
import io.progressreports.report.Manifest;
import io.progressreports.report.ReportPublisher;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A job's last step: renders the report from the range's stored days into a staging folder, publishes it
 * atomically with its manifest, and keeps the run's figures and reject rate in the job's execution context. What
 * the report holds, its files and the manifest's fields of the kind are the kind's.
 *
 * @param <R> the kind's rendered report
 */
public abstract class ReportTasklet<R> implements Tasklet {

    private final String kind;
    private final DayRun run;
    private final RunOptions options;
    private final DayPlan plan;
    private final DayRows none;

    /**
     * @param kind the job files' kind, as the manifest names it
     * @param none the rows of a computed day the store does not have: none of its rows were read
     */
    protected ReportTasklet(String kind, DayRun run, RunOptions options, DayPlan plan, DayRows none) {
        this.kind = kind;
        this.run = run;
        this.options = options;
        this.plan = plan;
        this.none = none;
    }

    /** The report from the range's stored days, read through {@code rows} (see {@link RangeRenderer#render}). */
    protected abstract R render(RangeRenderer rows, DateRange range);

    /** The file that lists the rejected rows, which the reject rate's message names. */
    protected abstract String rejectsFile();

    /** Writes the report's files into the staging folder {@code dir}; returns their names. */
    protected abstract List<String> write(Path dir, R report);

    /** What the report's index.html shows of this kind (its headline, glossary, ...). */
    protected abstract KindPage page(R report);

    /** The run's parameters, as the manifest shows them. */
    protected abstract Map<String, Object> parameters();

    /** The source tables the run read, by their role. */
    protected abstract Map<String, Object> sourceTables();

    /**
     * The series of a rule's figure that the rule is checked against, oldest first (see {@link AlertRule}); never
     * asked for {@code reject_rate}, which is every kind's.
     */
    protected abstract List<Point> alertSeries(R report, AlertRule rule);

    /** Counts of the report's rows beyond those read, rejected and used ({@link RunFigures#rows}). */
    protected Map<String, Object> moreRows(R report) {
        return Map.of();
    }

    /** The kind's own fields after the rejects. */
    protected Map<String, Object> afterRejects(R report) {
        return Map.of();
    }

    /** The kind's own fields after the partitions. */
    protected Map<String, Object> afterPartitions() {
        return Map.of();
    }

    private Map<String, Object> manifest(JobExecution job, RangeRenderer rows, RunFigures figures,
                                         RejectRate rejects, R report, List<Alert> alerts) {
        var fields = new LinkedHashMap<String, Object>();
        fields.put("job", run.jobName());
        fields.put("kind", kind);
        fields.put("execution_id", job.getId());
        fields.put("parameters", parameters());
        fields.put("definition_id", run.definitionId());
        Map<String, Object> source = Manifest.ordered("url", job.getJobParameters().getString("source", ""));
        source.putAll(sourceTables());
        source.putAll(run.source().manifest());
        fields.put("source", source);
        Map<String, Object> read = figures.manifestRows();
        read.putAll(moreRows(report));
        fields.put("rows", read);
        fields.put("rejects", rejects.manifest());
        fields.putAll(afterRejects(report));
        if (options.alerting().hasRules()) {
            fields.put("alerts", Manifest.ordered("rules", options.alerting().rules().stream().map(AlertRule::text)
                    .toList(), "broken", BrokenRules.fields(alerts), "file", RunAlerts.FILE));
        }
        Map<String, Object> days = figures.days();
        days.put("computed_because", plan.recomputed());
        fields.put("days", days);
        fields.put("partitions", Manifest.ordered("computed", plan.spans().size()));
        fields.putAll(afterPartitions());
        fields.put("computed_days", rows.computedDays(plan));
        fields.put("timings", Manifest.timings(job.getStartTime()));
        return fields;
    }

    /** A job with rules always has alerts.csv, so a script finds it whatever the night brought. */
    private List<String> writeWithAlerts(Path dir, R report, List<Alert> alerts) {
        var files = new ArrayList<>(write(dir, report));
        if (options.alerting().hasRules()) {
            CsvFiles.write(dir.resolve(RunAlerts.FILE), options.bom(), RunAlerts.COLUMNS, alerts);
            files.add(RunAlerts.FILE);
        }
        return files;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        JobExecution job = chunkContext.getStepContext().getStepExecution().getJobExecution();
        var rows = new RangeRenderer(none);
        R report = render(rows, run.range());
        RunFigures figures = rows.figures(plan);
        figures.putInto(job.getExecutionContext());
        RejectRate rejects = rows.rejectRate(options.maxRejectRate(), rejectsFile());
        DateRange range = run.range();
        List<Alert> alerts = RunAlerts.check(options.alerting().rules(), new Point(range.from(),
                range.to().plusDays(1), rejects.rate()), rule -> alertSeries(report, rule));
        Map<String, Object> manifest = manifest(job, rows, figures, rejects, report, alerts);
        Path published = new ReportPublisher(options.out().resolve(run.jobName())).write(
                RunParameters.folder(job.getJobParameters()), options.latest(), dir -> {
                    List<String> files = writeWithAlerts(dir, report, alerts);
                    files.add(ReportPage.write(dir, manifest, files, page(report)));
                    return files;
                }, manifest);
        ReportsIndex.rewrite(options.out());
        job.getExecutionContext().putString(ReportPublisher.PUBLISHED, published.toString());
        rejects.putInto(job.getExecutionContext(), run.jobName(), published);
        BrokenRules.putInto(job.getExecutionContext(), alerts);
        return RepeatStatus.FINISHED;
    }
}
