package io.progressreports.progress;

import io.progressreports.day.DayPlan;
import io.progressreports.launch.RunParameters;
import io.progressreports.report.DateRange;
import io.progressreports.source.SpanQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.step.StepExecution;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiFunction;
import javax.sql.DataSource;

/**
 * Follows a job's partitioned step: before the partitions start, estimates the rows of the planned spans (reused
 * days are not in the plan, so they cost nothing and are not counted); while they run, shows the rows read so
 * far; at the end, logs the total.
 */
final class ReadProgress implements StepExecutionListener {

    private static final Logger LOG = LoggerFactory.getLogger(ReadProgress.class);

    private final RowCounter counter;
    private final DataSource source;
    private final Duration logInterval;
    private final String planKey;
    private final BiFunction<Map<String, Object>, DayPlan, SpanQuery> queries;
    /** By job execution: two report jobs of one kind may run side by side in one process. */
    private final Map<Long, ProgressTicker> tickers = new ConcurrentHashMap<>();

    ReadProgress(RowCounter counter, DataSource source, Duration logInterval, String planKey,
                 BiFunction<Map<String, Object>, DayPlan, SpanQuery> queries) {
        this.counter = counter;
        this.source = source;
        this.logInterval = logInterval;
        this.planKey = planKey;
        this.queries = queries;
    }

    @Override
    public void beforeStep(StepExecution step) {
        Map<String, Object> parameters = new StepContext(step).getJobParameters();
        String job = RunParameters.job(parameters);
        DayPlan plan = DayPlan.decode(step.getJobExecution().getExecutionContext().getString(planKey));
        List<DateRange> spans = plan.spans();
        if (spans.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        long estimate = RowEstimate.of(source, queries.apply(parameters, plan), spans);
        LOG.info("{}: about {} rows to read in {} partitions (the planner's estimate, made in {} ms)", job,
                String.format(Locale.ROOT, "%,d", estimate), spans.size(), (System.nanoTime() - started) / 1_000_000);
        LongAdder rows = counter.open(step.getJobExecutionId());
        tickers.put(step.getJobExecutionId(), new ProgressTicker(job, estimate, rows::sum, logInterval));
    }

    @Override
    public ExitStatus afterStep(StepExecution step) {
        ProgressTicker ticker = tickers.remove(step.getJobExecutionId());
        if (ticker != null) {
            ticker.close();
            counter.close(step.getJobExecutionId());
            LOG.info(ticker.figures().summary(ticker.job()));
        }
        return step.getExitStatus();
    }
}
