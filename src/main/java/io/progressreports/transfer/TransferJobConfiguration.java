package io.progressreports.transfer;

import io.progressreports.ReportsProperties;
import io.progressreports.progress.ProgressTracking;
import io.progressreports.report.DateRange;
import io.progressreports.source.SourceTimes;
import io.progressreports.source.TableName;
import io.progressreports.store.DayPlan;
import io.progressreports.store.DaySteps;
import io.progressreports.store.DayWriter;
import io.progressreports.store.SpanQuery;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * The transfer-speed job: plan which days to compute, compute them in partitions of contiguous days (read the
 * span's step rows joined to their timings in PostgreSQL, validate, fold into stored days and rejects), then
 * render the report from the store.
 */
@Configuration(proxyBeanMethods = false)
public class TransferJobConfiguration {

    public static final String JOB_NAME = "transferSpeed";
    public static final String PLAN = "transfer.plan";

    /**
     * Two disjoint parts, so every step appears once: timed steps of any kind and status finished in the span;
     * transfers of any status updated in the span whose timing has no finish, NULL or infinite, or that have no
     * timing row at all (rejected, untimed or counted under their status, on the day of their update: an infinite finish is in no day's range, and would otherwise
     * never be read). The second part looks each transfer's timing up through its unique index ({@code offset 0}
     * keeps PostgreSQL from turning the lookup into a hash of the whole timings table for a handful of rows).
     */
    private static final String SPAN_ROWS = """
            select s.id, s.step, s.status, s.total_items, s.completed_items, s.updated_at, true, t.started_at,
                t.finished_at
            from %2$s t join %1$s s on s.id = t.deployment_step_id
            where t.finished_at >= ? and t.finished_at < ? and t.finished_at <= ?
            union all
            select s.id, s.step, s.status, s.total_items, s.completed_items, s.updated_at, t.timed, t.started_at,
                t.finished_at
            from %1$s s
            left join lateral (select true as timed, t.started_at, t.finished_at from %2$s t
                               where t.deployment_step_id = s.id offset 0) t on true
            where s.step = 'transfer_files'
              and s.updated_at >= ? and s.updated_at < ? and s.updated_at <= ?
              and (t.timed is null or t.finished_at is null or not isfinite(t.finished_at))""";

    @Bean
    Job transferSpeedJob(JobRepository jobRepository, Step transferPlanStep, Step transferDaysStep,
                         Step transferReportStep) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .start(transferPlanStep)
                .next(transferDaysStep)
                .next(transferReportStep)
                .build();
    }

    @Bean
    Step transferPlanStep(JobRepository jobRepository, JdbcTransactionManager storeTransactionManager,
                          TransferPlanTasklet transferPlanTasklet) {
        return DaySteps.plan("transferPlan", jobRepository, storeTransactionManager, transferPlanTasklet, PLAN);
    }

    @Bean
    @StepScope
    TransferPlanTasklet transferPlanTasklet(TransferDayStore transferDayStore, ReportsProperties properties,
                                            @Value("#{jobParameters}") Map<String, Object> parameters) {
        return new TransferPlanTasklet(transferDayStore, TransferRun.fromJobParameters(parameters),
                properties.threads());
    }

    @Bean
    Step transferDaysStep(JobRepository jobRepository, Step transferDayStep, Partitioner transferSpanPartitioner,
                          ReportsProperties properties, ProgressTracking progress) {
        return DaySteps.partitioned("transferDays", jobRepository, transferDayStep, "transferDay",
                transferSpanPartitioner, properties.threads(), progress.partitions(PLAN, parameters -> spanQuery(
                        TransferRun.fromJobParameters(parameters))));
    }

    @Bean
    @StepScope
    Partitioner transferSpanPartitioner(@Value("#{jobExecutionContext['" + PLAN + "']}") String plan) {
        return gridSize -> DayPlan.decode(plan).partitions();
    }

    /** Chunk size is a setting of the process, not a job parameter: the worker runs outside the job scope. */
    @Bean
    Step transferDayStep(JobRepository jobRepository, JdbcTransactionManager storeTransactionManager,
                         JdbcCursorItemReader<StepTimingRow> transferReader, TransferProcessor transferProcessor,
                         DayWriter<TimingRecord, TransferDay> transferDayWriter,
                         ReportsProperties properties, ProgressTracking progress) {
        return DaySteps.worker("transferDay", jobRepository, storeTransactionManager, properties.chunkSize(),
                transferReader, transferProcessor, transferDayWriter, progress.workers());
    }

    @Bean
    @StepScope
    JdbcCursorItemReader<StepTimingRow> transferReader(@Qualifier("sourceDataSource") DataSource sourceDataSource,
                                                       @Value("#{jobParameters}") Map<String, Object> parameters,
                                                       ReportsProperties properties,
                                                       @Value("#{stepExecutionContext['" + DayPlan.SPAN_FROM + "']}")
                                                       String from,
                                                       @Value("#{stepExecutionContext['" + DayPlan.SPAN_TO + "']}")
                                                       String to) {
        return spanQuery(TransferRun.fromJobParameters(parameters)).reader("transferReader", sourceDataSource,
                new DateRange(LocalDate.parse(from), LocalDate.parse(to)),
                new StepTimingRowMapper(new SourceTimes(TransferRun.fromJobParameters(parameters).source().zone())),
                properties.chunkSize());
    }

    /**
     * A span's rows as the reader reads them, ordered by step id so that a restart skips exactly the rows already
     * read. Parameters: the span's start, its end (exclusive) and as-of, twice.
     */
    public static String orderedSpanRows(TableName steps, TableName timings) {
        return spanRows(steps, timings) + "\norder by 1";
    }

    /** The same rows unordered, for counting them. */
    public static String spanRows(TableName steps, TableName timings) {
        return SPAN_ROWS.formatted(steps.quoted(), timings.quoted());
    }

    static SpanQuery spanQuery(TransferRun run) {
        String tables = run.steps() + ", " + run.timings();
        return new SpanQuery(tables, orderedSpanRows(run.steps(), run.timings()), (statement, span) -> {
            var times = new SourceTimes(run.source().zone());
            Instant start = span.from().atStartOfDay(run.zone()).toInstant();
            Instant end = span.to().plusDays(1).atStartOfDay(run.zone()).toInstant();
            for (int part = 0; part < 2; part++) {
                times.bind(statement, part * 3 + 1, start);
                times.bind(statement, part * 3 + 2, end);
                times.bind(statement, part * 3 + 3, run.asOf());
            }
        });
    }

    @Bean
    @StepScope
    TransferProcessor transferProcessor(@Value("#{jobParameters}") Map<String, Object> parameters) {
        TransferRun run = TransferRun.fromJobParameters(parameters);
        return new TransferProcessor(new TransferRules(run.zone(), run.statuses()));
    }

    @Bean
    @StepScope
    DayWriter<TimingRecord, TransferDay> transferDayWriter(
            TransferDayStore transferDayStore, JdbcTransactionManager storeTransactionManager,
            @Value("#{stepExecutionContext['" + DayPlan.SPAN_FROM + "']}") String from,
            @Value("#{stepExecutionContext['" + DayPlan.SPAN_TO + "']}") String to) {
        return new DayWriter<TimingRecord, TransferDay>(transferDayStore, new TransferFolding(),
                transferDayStore::saveRejects, new TransactionTemplate(storeTransactionManager), LocalDate.parse(from),
                LocalDate.parse(to));
    }

    @Bean
    @StepScope
    TransferDayStore transferDayStore(JdbcTemplate storeJdbcTemplate,
                                      @Value("#{jobParameters}") Map<String, Object> parameters) {
        return new TransferDayStore(storeJdbcTemplate, TransferRun.fromJobParameters(parameters));
    }

    @Bean
    Step transferReportStep(JobRepository jobRepository, JdbcTransactionManager storeTransactionManager,
                            TransferReportTasklet transferReportTasklet) {
        return new StepBuilder("transferReport", jobRepository)
                .tasklet(transferReportTasklet, storeTransactionManager)
                .build();
    }

    @Bean
    @StepScope
    TransferReportTasklet transferReportTasklet(TransferDayStore transferDayStore,
                                                @Value("#{jobParameters}") Map<String, Object> parameters,
                                                @Value("#{jobExecutionContext['" + PLAN + "']}") String plan) {
        return new TransferReportTasklet(transferDayStore, TransferRun.fromJobParameters(parameters),
                DayPlan.decode(plan));
    }
}
