package io.progressreports.launch;

import io.progressreports.day.DayPlan;
import io.progressreports.report.DateRange;
import io.progressreports.report.ReportPublisher;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A job's last step: renders the report from the range's stored days into a staging folder, publishes it
 * atomically, and keeps the run's figures and reject rate in the job's execution context. What the report holds,
 * its files and its manifest are the kind's.
 *
 * @param <R> the kind's rendered report
 */
public abstract class ReportTasklet<R> implements Tasklet {

    private final String jobName;
    private final DateRange range;
    private final RunOptions options;
    private final DayPlan plan;
    private final DayRows none;

    /** @param none the rows of a computed day the store does not have: none of its rows were read */
    protected ReportTasklet(String jobName, DateRange range, RunOptions options, DayPlan plan, DayRows none) {
        this.jobName = jobName;
        this.range = range;
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

    protected abstract Map<String, Object> manifest(JobExecution job, RangeRenderer rows, RunFigures figures,
                                                    RejectRate rejects, R report);

    protected DayPlan plan() {
        return plan;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        JobExecution job = chunkContext.getStepContext().getStepExecution().getJobExecution();
        var rows = new RangeRenderer(none);
        R report = render(rows, range);
        RunFigures figures = rows.figures(plan);
        figures.putInto(job.getExecutionContext());
        RejectRate rejects = rows.rejectRate(options.maxRejectRate(), rejectsFile());
        Path published = new ReportPublisher(options.out().resolve(jobName)).write(
                RunParameters.folder(job.getJobParameters()), options.latest(), dir -> write(dir, report),
                manifest(job, rows, figures, rejects, report));
        job.getExecutionContext().putString(ReportPublisher.PUBLISHED, published.toString());
        rejects.putInto(job.getExecutionContext(), jobName, published);
        return RepeatStatus.FINISHED;
    }
}
