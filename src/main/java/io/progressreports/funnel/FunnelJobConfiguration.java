package io.progressreports.funnel;

import io.progressreports.day.DayPlan;
import io.progressreports.day.DayPlanTasklet;
import io.progressreports.day.DaySteps;
import io.progressreports.day.DayWriter;
import io.progressreports.progress.ProgressTracking;
import io.progressreports.report.DateRange;
import io.progressreports.settings.ReportsProperties;
import io.progressreports.source.SourceTimes;
import io.progressreports.source.SpanQuery;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.builder.FlowBuilder;
import org.springframework.batch.core.job.flow.Flow;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
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
import javax.sql.DataSource;

/**
 * The onboarding funnel job: plan which cohort days to compute, compute them in partitions of contiguous days
 * (read rows, evaluate, fold into stored days), then render the report from the store.
 */
@Configuration(proxyBeanMethods = false)
public class FunnelJobConfiguration {

    /** The flow every funnel job runs; each job file's runs are a job of the file's name (see JobLaunches). */
    public static final String FLOW = "onboardingFunnel";
    public static final String PLAN = "funnel.plan";
    private static final String SPAN_FROM = DayPlan.SPAN_FROM;
    private static final String SPAN_TO = DayPlan.SPAN_TO;

    @Bean
    Flow onboardingFunnelFlow(Step funnelPlanStep, Step funnelDaysStep, Step funnelReportStep) {
        return new FlowBuilder<Flow>(FLOW)
                .start(funnelPlanStep)
                .next(funnelDaysStep)
                .next(funnelReportStep)
                .build();
    }

    @Bean
    Step funnelPlanStep(JobRepository jobRepository, JdbcTransactionManager storeTransactionManager,
                        DayPlanTasklet funnelPlanTasklet) {
        return DaySteps.plan("funnelPlan", jobRepository, storeTransactionManager, funnelPlanTasklet, PLAN);
    }

    @Bean
    @StepScope
    DayPlanTasklet funnelPlanTasklet(
            FunnelDayStore funnelDayStore, ReportsProperties properties,
            @Value("#{jobParameters}") Map<String, Object> parameters) {
        FunnelRun run = FunnelRun.fromJobParameters(parameters);
        var planning = new DayPlanTasklet.Planning(run, PLAN, "cohort days", List.of());
        // A day stored without its dropoffs cannot give them to a run that writes dropoffs.csv.
        return new DayPlanTasklet(funnelDayStore, planning,
                day -> day.detailed() || !run.dropoffs() ? null : "stored without dropoffs", properties.threads());
    }

    @Bean
    Step funnelDaysStep(JobRepository jobRepository, Step funnelDayStep, Partitioner funnelSpanPartitioner,
                        ReportsProperties properties, ProgressTracking progress) {
        return DaySteps.partitioned("funnelDays", jobRepository, funnelDayStep, "funnelDay", funnelSpanPartitioner,
                properties.threads(), progress.partitions(PLAN, (parameters, plan) -> spanQuery(
                        FunnelRun.fromJobParameters(parameters))));
    }

    @Bean
    @StepScope
    Partitioner funnelSpanPartitioner(@Value("#{jobExecutionContext['" + PLAN + "']}") String plan) {
        return gridSize -> DayPlan.decode(plan).partitions();
    }

    @Bean
    Step funnelDayStep(JobRepository jobRepository, JdbcTransactionManager storeTransactionManager,
                       JdbcCursorItemReader<OnboardingRow> funnelReader,
                       FunctionItemProcessor<OnboardingRow, OnboardingRecord> funnelProcessor,
                       DayWriter<OnboardingRecord, FunnelDayAggregate> funnelDayWriter,
                       UnmappedActionCodes funnelUnmappedCodes, ProgressTracking progress) {
        return DaySteps.worker("funnelDay", jobRepository, storeTransactionManager,
                funnelReader, funnelProcessor, funnelDayWriter, progress.workers(), funnelUnmappedCodes);
    }

    @Bean
    @StepScope
    JdbcCursorItemReader<OnboardingRow> funnelReader(@Qualifier("sourceDataSource") DataSource sourceDataSource,
                                                     @Value("#{jobParameters}") Map<String, Object> parameters,
                                                     @Value("#{jobParameters['" + DaySteps.CHUNK_SIZE + "']}") int chunkSize,
                                                     UnmappedActionCodes funnelUnmappedCodes,
                                                     @Value("#{stepExecutionContext['" + SPAN_FROM + "']}") String from,
                                                     @Value("#{stepExecutionContext['" + SPAN_TO + "']}") String to) {
        FunnelRun run = FunnelRun.fromJobParameters(parameters);
        return spanQuery(run).reader("funnelReader", sourceDataSource,
                new DateRange(LocalDate.parse(from), LocalDate.parse(to)),
                run.layout().rowMapper(run.definition().actions().size(), run.segment() != null, funnelUnmappedCodes,
                        new SourceTimes(run.source().zone())),
                chunkSize);
    }

    @Bean
    @StepScope
    UnmappedActionCodes funnelUnmappedCodes(@Value("#{stepExecutionContext['" + SPAN_FROM + "']}") String from,
                                            @Value("#{stepExecutionContext['" + SPAN_TO + "']}") String to) {
        return new UnmappedActionCodes(from, to);
    }

    /** The namespaces created in a span's days, up to as-of. */
    static SpanQuery spanQuery(FunnelRun run) {
        return new SpanQuery(run.table().toString(), run.layout().spanQuery(run.table(), run.definition().actions(),
                run.segment()),
                SpanQuery.days(run.zone(), run.asOf(), run.source().zone(), 1));
    }

    /** Each row evaluated by the pure {@link FunnelEvaluator}. */
    @Bean
    @StepScope
    FunctionItemProcessor<OnboardingRow, OnboardingRecord> funnelProcessor(
            @Value("#{jobParameters}") Map<String, Object> parameters) {
        FunnelRun run = FunnelRun.fromJobParameters(parameters);
        return new FunctionItemProcessor<>(new FunnelEvaluator(run.definition(), run.zone(), run.asOf())::evaluate);
    }

    @Bean
    @StepScope
    DayWriter<OnboardingRecord, FunnelDayAggregate> funnelDayWriter(
            FunnelDayStore funnelDayStore, JdbcTransactionManager storeTransactionManager,
            @Value("#{jobParameters}") Map<String, Object> parameters,
            @Value("#{stepExecutionContext['" + SPAN_FROM + "']}") String from,
            @Value("#{stepExecutionContext['" + SPAN_TO + "']}") String to) {
        FunnelRun run = FunnelRun.fromJobParameters(parameters);
        var folding = new FunnelFolding(run.definition(), run.segment());
        return new DayWriter<OnboardingRecord, FunnelDayAggregate>(funnelDayStore, folding, funnelDayStore::saveDropoffs,
                new TransactionTemplate(storeTransactionManager), LocalDate.parse(from), LocalDate.parse(to));
    }

    @Bean
    @StepScope
    FunnelDayStore funnelDayStore(JdbcTemplate storeJdbcTemplate,
                                  @Value("#{jobParameters}") Map<String, Object> parameters) {
        return new FunnelDayStore(storeJdbcTemplate, FunnelRun.fromJobParameters(parameters));
    }

    @Bean
    Step funnelReportStep(JobRepository jobRepository, JdbcTransactionManager storeTransactionManager,
                          FunnelReportTasklet funnelReportTasklet) {
        return DaySteps.report("funnelReport", jobRepository, storeTransactionManager, funnelReportTasklet);
    }

    @Bean
    @StepScope
    FunnelReportTasklet funnelReportTasklet(FunnelDayStore funnelDayStore,
                                            @Qualifier("sourceDataSource") DataSource sourceDataSource,
                                            @Value("#{jobParameters}") Map<String, Object> parameters,
                                            @Value("#{jobExecutionContext['" + PLAN + "']}") String plan) {
        FunnelRun run = FunnelRun.fromJobParameters(parameters);
        return new FunnelReportTasklet(funnelDayStore, run, DayPlan.decode(plan),
                () -> UnplacedRows.count(sourceDataSource, run));
    }
}
