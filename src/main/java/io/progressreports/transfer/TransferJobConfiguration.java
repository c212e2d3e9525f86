package io.progressreports.transfer;

import io.progressreports.day.DayPlan;
import io.progressreports.day.DayPlanTasklet;
import io.progressreports.day.DaySteps;
import io.progressreports.day.DayWriter;
import io.progressreports.progress.ProgressTracking;
import io.progressreports.report.DateRange;
import io.progressreports.settings.ReportsProperties;
import io.progressreports.source.SourceTimes;
import io.progressreports.source.SpanQuery;
import io.progressreports.source.TableName;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.builder.FlowBuilder;
import org.springframework.batch.core.job.flow.Flow;
import org.springframework.batch.core.job.flow.FlowExecutionStatus;
import org.springframework.batch.core.job.flow.JobExecutionDecider;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.infrastructure.item.function.FunctionItemProcessor;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * The transfer-speed job: plan which days to compute, compute them in partitions of contiguous days (read the
 * span's step rows joined to their timings in PostgreSQL, validate, fold into stored days and rejects), then
 * render the report from the store.
 */
@Configuration(proxyBeanMethods = false)
public class TransferJobConfiguration {

    /** The flow every transfer-speed job runs; each job file's runs are a job of the file's name. */
    public static final String FLOW = "transferSpeed";
    public static final String PLAN = "transfer.plan";

    /** The decider's answer when the unfinished transfers are read in a pass of their own. */
    static final String UNFINISHED_PASS = "UNFINISHED_PASS";

    /** Timed steps of any kind and status finished in the span. */
    private static final String TIMED_ROWS = """
            select s.id, s.step, s.status, s.total_items, s.completed_items, s.updated_at, true, t.started_at,
                t.finished_at
            from %2$s t join %1$s s on s.id = t.deployment_step_id
            where t.finished_at >= ? and t.finished_at < ? and t.finished_at <= ?""";

    /**
     * Steps of any kind and status updated in the span whose timing has no finish, NULL or infinite, or that have no
     * timing row at all (transfers rejected, untimed or counted under their status; every step counted under its
     * outcome; on the day of their update: an infinite finish is in no day's range, and would otherwise never be
     * read). Each transfer's timing is looked up through
     * its unique index ({@code offset 0} keeps PostgreSQL from turning the lookup into a hash of the whole timings
     * table for a handful of rows). Disjoint from {@link #TIMED_ROWS}, so every step appears once.
     */
    private static final String UNFINISHED_ROWS = """
            select s.id, s.step, s.status, s.total_items, s.completed_items, s.updated_at, t.timed, t.started_at,
                t.finished_at
            from %1$s s
            left join lateral (select true as timed, t.started_at, t.finished_at from %2$s t
                               where t.deployment_step_id = s.id offset 0) t on true
            where s.updated_at >= ? and s.updated_at < ? and s.updated_at <= ?
              and (t.timed is null or t.finished_at is null or not isfinite(t.finished_at))""";

    /**
     * Deployments with a step finished in the span, each with all its steps in their order (created_at, then id)
     * as arrays, that have ended: every timed step has a finish, the last of them in the span and by as-of (the
     * deployment's day). Deployments are found through the timings' finished_at index, their steps by deployment_id
     * (a scan of the steps table per pass without an index on it), each step's timing through its unique index.
     * The deployments are a plain join, not a lateral lookup behind {@code offset 0}: PostgreSQL cannot estimate the
     * distinct values of such a subquery and took them for one row, and PostgreSQL 17 (the embedded store's, and
     * the demo's source) then scanned the whole steps table once per deployment: the demo's run sat for ten
     * minutes in this query and ended with exit 69.
     */
    private static final String DEPLOYMENT_ROWS = """
            select s.deployment_id,
                array_agg(s.step order by s.created_at, s.id), array_agg(s.status order by s.created_at, s.id),
                array_agg(t.timed is not null order by s.created_at, s.id),
                array_agg(t.started_at order by s.created_at, s.id),
                array_agg(t.finished_at order by s.created_at, s.id)
            from (select distinct s.deployment_id from %2$s t join %1$s s on s.id = t.deployment_step_id
                  where t.finished_at >= ? and t.finished_at < ? and t.finished_at <= ?) d
            join %1$s s on s.deployment_id = d.deployment_id
            left join lateral (select true as timed, t.started_at, t.finished_at from %2$s t
                               where t.deployment_step_id = s.id offset 0) t on true
            group by s.deployment_id
            having bool_and(t.timed is null or t.finished_at is not null)
               and max(t.finished_at) >= ? and max(t.finished_at) < ? and max(t.finished_at) <= ?
            order by max(t.finished_at), s.deployment_id""";

    /** The decider's answer when the plan computes days, whose deployments a pass of their own then reads. */
    static final String DEPLOYMENTS_PASS = "DEPLOYMENTS_PASS";

    /**
     * Plan, compute the days in partitions, read the unfinished transfers in a pass of their own when that saves
     * scans (see {@link TransferRun#unfinishedInOnePass}), read the computed days' deployments in a pass of their
     * own (a deployment's steps lie on several days, of several partitions), then render the report.
     */
    @Bean
    Flow transferSpeedFlow(Step transferPlanStep, Step transferDaysStep, Step transferUnfinishedStep,
                           Step transferDeploymentsStep, Step transferReportStep) {
        JobExecutionDecider unfinishedPass = (job, step) -> new FlowExecutionStatus(
                TransferRun.fromJobParameters(new StepContext(step).getJobParameters()).unfinishedInOnePass(
                        DayPlan.decode(job.getExecutionContext().getString(PLAN))) ? UNFINISHED_PASS : "NONE");
        JobExecutionDecider deploymentsPass = (job, step) -> new FlowExecutionStatus(
                DayPlan.decode(job.getExecutionContext().getString(PLAN)).spans().isEmpty() ? "NONE"
                        : DEPLOYMENTS_PASS);
        return new FlowBuilder<Flow>(FLOW)
                .start(transferPlanStep)
                .next(transferDaysStep)
                .next(unfinishedPass).on(UNFINISHED_PASS).to(transferUnfinishedStep)
                .next(deploymentsPass).on(DEPLOYMENTS_PASS).to(transferDeploymentsStep).next(transferReportStep)
                .from(deploymentsPass).on("*").to(transferReportStep)
                .from(unfinishedPass).on("*").to(deploymentsPass)
                .end();
    }

    @Bean
    Step transferPlanStep(JobRepository jobRepository, JdbcTransactionManager storeTransactionManager,
                          DayPlanTasklet transferPlanTasklet) {
        return DaySteps.plan("transferPlan", jobRepository, storeTransactionManager, transferPlanTasklet, PLAN);
    }

    @Bean
    @StepScope
    DayPlanTasklet transferPlanTasklet(
            TransferDayStore transferDayStore, ReportsProperties properties,
            @Value("#{jobParameters}") Map<String, Object> parameters) {
        TransferRun run = TransferRun.fromJobParameters(parameters);
        // Without the indexes that make a span cheap to read, each partition scans the table: slower, but the
        // range still runs as partitions side by side, each restartable on its own.
        List<String> warnings = run.indexAdvice().stream().map(advice -> run.jobName() + ": reads by time scan the "
                + "whole table (without the timings' finished_at index, once per partition; without the steps' "
                + "updated_at index, once per run more); this index would let the run read only its days: " + advice)
                .toList();
        var planning = new DayPlanTasklet.Planning(run, PLAN, "days", warnings);
        return new DayPlanTasklet(transferDayStore, planning, day -> null, properties.threads());
    }

    @Bean
    Step transferDaysStep(JobRepository jobRepository, Step transferDayStep, Partitioner transferSpanPartitioner,
                          ReportsProperties properties, ProgressTracking progress) {
        return DaySteps.partitioned("transferDays", jobRepository, transferDayStep, "transferDay",
                transferSpanPartitioner, properties.threads(), progress.partitions(PLAN, (parameters, plan) ->
                        partitionQuery(TransferRun.fromJobParameters(parameters), plan)));
    }

    @Bean
    @StepScope
    Partitioner transferSpanPartitioner(@Value("#{jobExecutionContext['" + PLAN + "']}") String plan) {
        return gridSize -> DayPlan.decode(plan).partitions();
    }

    @Bean
    Step transferDayStep(JobRepository jobRepository, JdbcTransactionManager storeTransactionManager,
                         JdbcCursorItemReader<StepTimingRow> transferReader,
                         FunctionItemProcessor<StepTimingRow, TimingRecord> transferProcessor,
                         DayWriter<TimingRecord, TransferDay> transferDayWriter, ProgressTracking progress) {
        return DaySteps.worker("transferDay", jobRepository, storeTransactionManager,
                transferReader, transferProcessor, transferDayWriter, progress.workers());
    }

    @Bean
    @StepScope
    JdbcCursorItemReader<StepTimingRow> transferReader(@Qualifier("sourceDataSource") DataSource sourceDataSource,
                                                       @Value("#{jobParameters}") Map<String, Object> parameters,
                                                       @Value("#{jobParameters['" + DaySteps.CHUNK_SIZE + "']}") int chunkSize,
                                                       @Value("#{stepExecutionContext['" + DayPlan.SPAN_FROM + "']}")
                                                       String from,
                                                       @Value("#{stepExecutionContext['" + DayPlan.SPAN_TO + "']}")
                                                       String to,
                                                       @Value("#{jobExecutionContext['" + PLAN + "']}") String plan) {
        TransferRun run = TransferRun.fromJobParameters(parameters);
        return partitionQuery(run, DayPlan.decode(plan)).reader("transferReader", sourceDataSource,
                new DateRange(LocalDate.parse(from), LocalDate.parse(to)),
                new StepTimingRowMapper(new SourceTimes(run.source().zone())), chunkSize);
    }

    /**
     * The unfinished transfers of every computed day, in one pass over the range from the first computed day to
     * the last, in the order of their days (so that each chunk touches a day or two, not every day of the range) and
     * then of their ids, an order that a restart repeats exactly.
     */
    @Bean
    Step transferUnfinishedStep(JobRepository jobRepository, JdbcTransactionManager storeTransactionManager,
                                JdbcCursorItemReader<StepTimingRow> transferUnfinishedReader,
                                FunctionItemProcessor<StepTimingRow, TimingRecord> transferUnfinishedProcessor,
                                DayWriter<TimingRecord, TransferDay> transferUnfinishedWriter,
                                ProgressTracking progress) {
        return DaySteps.worker("transferUnfinished", jobRepository, storeTransactionManager,
                transferUnfinishedReader, transferUnfinishedProcessor, transferUnfinishedWriter,
                progress.workers());
    }

    @Bean
    @StepScope
    JdbcCursorItemReader<StepTimingRow> transferUnfinishedReader(
            @Qualifier("sourceDataSource") DataSource sourceDataSource,
            @Value("#{jobParameters}") Map<String, Object> parameters,
            @Value("#{jobParameters['" + DaySteps.CHUNK_SIZE + "']}") int chunkSize,
            @Value("#{jobExecutionContext['" + PLAN + "']}") String plan) {
        TransferRun run = TransferRun.fromJobParameters(parameters);
        return new SpanQuery(tables(run), UNFINISHED_ROWS.formatted(run.steps().quoted(), run.timings().quoted())
                + "\norder by s.updated_at, s.id", binder(run, 1))
                .reader("transferUnfinishedReader", sourceDataSource,
                        DateRange.covering(DayPlan.decode(plan).spans()),
                        new StepTimingRowMapper(new SourceTimes(run.source().zone())), chunkSize);
    }

    /** The transfer rules, keeping only the rows of computed days: the pass's range spans reused days too. */
    @Bean
    @StepScope
    FunctionItemProcessor<StepTimingRow, TimingRecord> transferUnfinishedProcessor(
            @Value("#{jobParameters}") Map<String, Object> parameters,
            @Value("#{jobExecutionContext['" + PLAN + "']}") String plan) {
        return onComputedDays(plan, rules(TransferRun.fromJobParameters(parameters))::classify);
    }

    /** Adds to the days the partitions stored; the deployments pass completes them. */
    @Bean
    @StepScope
    DayWriter<TimingRecord, TransferDay> transferUnfinishedWriter(
            TransferDayStore transferDayStore, JdbcTransactionManager storeTransactionManager,
            @Value("#{jobExecutionContext['" + PLAN + "']}") String plan) {
        return DayWriter.<TimingRecord, TransferDay>addingLeavingIncomplete(transferDayStore, new TransferFolding(),
                transferDayStore::saveRejects, new TransactionTemplate(storeTransactionManager),
                DayPlan.decode(plan).spans());
    }

    /**
     * The deployments of every computed day, in one pass over the range from the first computed day to the last, in
     * the order of their last finish and then of their ids, an order that a restart repeats exactly. It completes
     * the days.
     */
    @Bean
    Step transferDeploymentsStep(JobRepository jobRepository, JdbcTransactionManager storeTransactionManager,
                                 JdbcCursorItemReader<DeploymentRow> transferDeploymentsReader,
                                 FunctionItemProcessor<DeploymentRow, TimingRecord> transferDeploymentsProcessor,
                                 DayWriter<TimingRecord, TransferDay> transferDeploymentsWriter) {
        return DaySteps.worker("transferDeployments", jobRepository, storeTransactionManager,
                transferDeploymentsReader, transferDeploymentsProcessor, transferDeploymentsWriter);
    }

    @Bean
    @StepScope
    JdbcCursorItemReader<DeploymentRow> transferDeploymentsReader(
            @Qualifier("sourceDataSource") DataSource sourceDataSource,
            @Value("#{jobParameters}") Map<String, Object> parameters,
            @Value("#{jobParameters['" + DaySteps.CHUNK_SIZE + "']}") int chunkSize,
            @Value("#{jobExecutionContext['" + PLAN + "']}") String plan) {
        TransferRun run = TransferRun.fromJobParameters(parameters);
        return new SpanQuery(tables(run), DEPLOYMENT_ROWS.formatted(run.steps().quoted(), run.timings().quoted()),
                binder(run, 2))
                .reader("transferDeploymentsReader", sourceDataSource,
                        DateRange.covering(DayPlan.decode(plan).spans()),
                        new DeploymentRowMapper(new SourceTimes(run.source().zone())), chunkSize);
    }

    /** The deployment rules, keeping only the deployments of computed days: the range spans reused days too. */
    @Bean
    @StepScope
    FunctionItemProcessor<DeploymentRow, TimingRecord> transferDeploymentsProcessor(
            @Value("#{jobParameters}") Map<String, Object> parameters,
            @Value("#{jobExecutionContext['" + PLAN + "']}") String plan) {
        return onComputedDays(plan, rules(TransferRun.fromJobParameters(parameters))::classify);
    }

    /** A pass over a range that spans reused days too: the rows' records, only those of the computed days. */
    private static <T> FunctionItemProcessor<T, TimingRecord> onComputedDays(String plan,
                                                                          Function<T, TimingRecord> classify) {
        Set<LocalDate> computed = DayPlan.decode(plan).computed().collect(Collectors.toSet());
        return new FunctionItemProcessor<>(row -> {
            TimingRecord record = classify.apply(row);
            return record != null && computed.contains(record.day()) ? record : null;
        });
    }

    @Bean
    @StepScope
    DayWriter<TimingRecord, TransferDay> transferDeploymentsWriter(
            TransferDayStore transferDayStore, JdbcTransactionManager storeTransactionManager,
            @Value("#{jobExecutionContext['" + PLAN + "']}") String plan) {
        return DayWriter.<TimingRecord, TransferDay>adding(transferDayStore, new TransferFolding(),
                records -> { }, new TransactionTemplate(storeTransactionManager), DayPlan.decode(plan).spans());
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
        return TIMED_ROWS.formatted(steps.quoted(), timings.quoted()) + "\nunion all\n"
                + UNFINISHED_ROWS.formatted(steps.quoted(), timings.quoted());
    }

    /** A partition's query: its span's rows, or only the timed ones when a pass of its own reads the rest. */
    static SpanQuery partitionQuery(TransferRun run, DayPlan plan) {
        if (run.unfinishedInOnePass(plan)) {
            return new SpanQuery(tables(run), TIMED_ROWS.formatted(run.steps().quoted(), run.timings().quoted())
                    + "\norder by 1", binder(run, 1));
        }
        return new SpanQuery(tables(run), orderedSpanRows(run.steps(), run.timings()), binder(run, 2));
    }

    /** The source tables a query reads, as failures name them. */
    private static String tables(TransferRun run) {
        return run.steps() + ", " + run.timings();
    }

    /** Binds a span's start, end (exclusive) and as-of, once per part of the query. */
    private static SpanQuery.Binder binder(TransferRun run, int parts) {
        return SpanQuery.days(run.zone(), run.asOf(), run.source().zone(), parts);
    }


    @Bean
    @StepScope
    FunctionItemProcessor<StepTimingRow, TimingRecord> transferProcessor(
            @Value("#{jobParameters}") Map<String, Object> parameters) {
        return new FunctionItemProcessor<>(rules(TransferRun.fromJobParameters(parameters))::classify);
    }

    /** Classify each row; a row that is no figure of the report (null) is filtered. */
    private static TransferRules rules(TransferRun run) {
        return new TransferRules(run.zone(), run.statuses());
    }

    @Bean
    @StepScope
    DayWriter<TimingRecord, TransferDay> transferDayWriter(
            TransferDayStore transferDayStore, JdbcTransactionManager storeTransactionManager,
            @Value("#{stepExecutionContext['" + DayPlan.SPAN_FROM + "']}") String from,
            @Value("#{stepExecutionContext['" + DayPlan.SPAN_TO + "']}") String to) {
        // The deployments pass that follows completes the days.
        return DayWriter.<TimingRecord, TransferDay>leavingIncomplete(transferDayStore, new TransferFolding(),
                transferDayStore::saveRejects, new TransactionTemplate(storeTransactionManager),
                LocalDate.parse(from), LocalDate.parse(to));
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
        return DaySteps.report("transferReport", jobRepository, storeTransactionManager, transferReportTasklet);
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
