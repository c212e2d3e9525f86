package io.progressreports.day;

import io.progressreports.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.configuration.annotation.EnableBatchProcessing;
import org.springframework.batch.core.configuration.annotation.EnableJdbcJobRepository;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.item.database.Order;
import org.springframework.batch.infrastructure.item.database.builder.JdbcPagingItemReaderBuilder;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.batch.test.MetaDataInstanceFactory;
import org.springframework.batch.test.StepScopeTestUtils;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link DayWriter} in a real chunk step on a real store (Spring Batch's tables from the store's migrations), with a
 * day store of its own whose aggregate is a count and a sum: every stored day must be what SQL gives for the rows
 * read, whether the rows of a day come late (after the writer let go of the decoded day), a chunk rolled back, or
 * the step failed and was restarted.
 */
@SpringBatchTest
@SpringJUnitConfig(DayWriterTest.Config.class)
class DayWriterTest {

    private static final LocalDate FIRST = LocalDate.parse("2026-10-01");
    private static final int DAYS = 20;
    private static final int CHUNK = 7;

    @Autowired
    JobOperatorTestUtils jobs;
    @Autowired
    JobOperator jobOperator;
    @Autowired
    JdbcTemplate store;
    @Autowired
    JdbcTransactionManager transactions;
    @Autowired
    TestDays days;
    @Autowired
    DayWriter<Row, long[]> writer;

    /** A row: its id (read order), its day and a value; the details writer fails on the id it is told to. */
    record Row(long id, LocalDate day, long value) {
    }

    @BeforeEach
    void emptyTables() {
        store.execute("truncate rows, test_day");
        Config.FAIL_AT_ID.set(-1);
    }

    /**
     * Rows in about day order, with every fifth day's last rows coming after ten later days: more days than the
     * writer keeps decoded lie between, so it must read those days back from the store instead of starting them anew.
     */
    private void insertRows() {
        long id = 0;
        for (int d = 0; d < DAYS; d++) {
            for (int i = 0; i < 5; i++) {
                insert(++id, FIRST.plusDays(d), d * 100 + i);
            }
            if (d >= 10 && (d - 10) % 5 == 0) {
                for (int late = 0; late < 3; late++) {
                    insert(++id, FIRST.plusDays(d - 10), 1000 + late);
                }
            }
        }
    }

    private void insert(long id, LocalDate day, long value) {
        store.update("insert into rows (id, day, value) values (?, ?, ?)", id, day, value);
    }

    /** What SQL says each day holds: its row count and value sum. */
    private Map<LocalDate, List<Long>> sqlDays() {
        return store.query("select day, count(*), sum(value) from rows group by day", (rs, i) -> Map.entry(
                        rs.getObject(1, LocalDate.class), List.of(rs.getLong(2), rs.getLong(3))))
                .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a,
                        TreeMap::new));
    }

    /** What the store holds for each day that has rows (the writer stores every day of its span, empty ones too). */
    private Map<LocalDate, List<Long>> storedDays() {
        try (Stream<Map.Entry<LocalDate, long[]>> stored = days.stream(FIRST, FIRST.plusDays(DAYS - 1))) {
            return stored.filter(day -> day.getValue()[0] > 0).collect(Collectors.toMap(Map.Entry::getKey,
                    day -> List.of(day.getValue()[0], day.getValue()[1]), (a, b) -> a, TreeMap::new));
        }
    }

    private JobParameters parameters() {
        return jobs.getUniqueJobParametersBuilder()
                .addString("from", FIRST.toString())
                .addString("to", FIRST.plusDays(DAYS - 1).toString())
                .toJobParameters();
    }

    @Test
    void everyDayHoldsWhatSqlSaysAndIsCompleteWhenTheStepCompletes() throws Exception {
        insertRows();

        JobExecution execution = jobs.startJob(parameters());

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(storedDays()).isEqualTo(sqlDays());
        assertThat(store.queryForObject("select count(*) from test_day where not complete", Long.class)).isZero();
        assertThat(store.queryForObject("select count(*) from test_day", Long.class)).isEqualTo(DAYS);
    }

    @Test
    void aStepFailedMidwayAndRestartedCountsEveryRowOnce() throws Exception {
        insertRows();
        long rows = store.queryForObject("select count(*) from rows", Long.class);
        Config.FAIL_AT_ID.set(rows / 2);

        JobExecution failed = jobs.startJob(parameters());

        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(store.queryForObject("select count(*) from test_day where complete", Long.class)).isZero();
        long committed = failed.getStepExecutions().iterator().next().getWriteCount();
        assertThat(committed).isPositive().isLessThan(rows);

        Config.FAIL_AT_ID.set(-1);
        JobExecution restarted = jobOperator.restart(failed);

        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(restarted.getStepExecutions().iterator().next().getReadCount()).isEqualTo(rows - committed);
        assertThat(storedDays()).isEqualTo(sqlDays());
        assertThat(store.queryForObject("select count(*) from test_day where not complete", Long.class)).isZero();
    }

    @Test
    void aRolledBackChunkLeavesNoTraceInTheDaysItTouched() throws Exception {
        LocalDate day = FIRST.plusDays(3);
        var context = new ExecutionContext();
        context.putString(DayPlan.SPAN_FROM, FIRST.toString());
        context.putString(DayPlan.SPAN_TO, FIRST.plusDays(DAYS - 1).toString());
        // An id of its own: step scope knows executions by id, and @SpringBatchTest's is in scope already.
        StepExecution step = MetaDataInstanceFactory.createStepExecution("days", 4321L);
        step.setExecutionContext(context);
        var inTransaction = new TransactionTemplate(transactions);

        StepScopeTestUtils.doInStepScope(step, () -> {
            writer.open(context);
            inTransaction.executeWithoutResult(status -> writer.write(Chunk.of(new Row(1, day, 10))));
            assertThatThrownBy(() -> inTransaction.executeWithoutResult(status -> {
                writer.write(Chunk.of(new Row(2, day, 200), new Row(3, day.plusDays(1), 300)));
                throw new IllegalStateException("the chunk's commit fails");
            })).hasMessage("the chunk's commit fails");
            // The same days again: what the writer holds for them must be what the store holds, not the rolled-back fold.
            inTransaction.executeWithoutResult(status -> writer.write(Chunk.of(new Row(4, day, 4000),
                    new Row(5, day.plusDays(1), 50000))));
            return null;
        });

        assertThat(days.load(day).map(d -> List.of(d[0], d[1]))).contains(List.of(2L, 4010L));
        assertThat(days.load(day.plusDays(1)).map(d -> List.of(d[0], d[1]))).contains(List.of(1L, 50000L));
    }

    /** A day store as the jobs' are (callers own the transactions), over a table of its own in the store. */
    static final class TestDays implements DayStore<long[]> {

        private final JdbcTemplate jdbc;

        TestDays(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        @Override
        public void reset(LocalDate from, LocalDate to) {
            from.datesUntil(to.plusDays(1)).forEach(day -> save(day, new long[2]));
        }

        @Override
        public Stream<Map.Entry<LocalDate, long[]>> stream(LocalDate from, LocalDate to) {
            return jdbc.query("select day, rows, total from test_day where day between ? and ? order by day",
                    (rs, i) -> Map.entry(rs.getObject(1, LocalDate.class), new long[] {rs.getLong(2), rs.getLong(3)}),
                    from, to).stream();
        }

        @Override
        public void save(LocalDate day, long[] aggregate) {
            jdbc.update("""
                    insert into test_day (day, rows, total, complete) values (?, ?, ?, false)
                    on conflict (day) do update set rows = excluded.rows, total = excluded.total, complete = false""",
                    day, aggregate[0], aggregate[1]);
        }

        @Override
        public void complete(LocalDate from, LocalDate to) {
            jdbc.update("update test_day set complete = true where day between ? and ?", from, to);
        }
    }

    static final class TestFolding implements DayFolding<Row, long[]> {

        @Override
        public LocalDate day(Row row) {
            return row.day();
        }

        @Override
        public long[] empty() {
            return new long[2];
        }

        @Override
        public void add(long[] aggregate, Row row) {
            aggregate[0]++;
            aggregate[1] += row.value();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableBatchProcessing(transactionManagerRef = "transactionManager")
    @EnableJdbcJobRepository(dataSourceRef = "dataSource", transactionManagerRef = "transactionManager")
    static class Config {

        /** The row id whose chunk fails (its details cannot be written); -1 for none. */
        static final AtomicLong FAIL_AT_ID = new AtomicLong(-1);

        /** TestDatabase's pool, which it closes itself before it drops the store (so not at the context's close). */
        @Bean(destroyMethod = "")
        DataSource dataSource() {
            var dataSource = TestDatabase.dataSource(TestDatabase.newStoreUrl());
            new JdbcTemplate(dataSource).execute("""
                    create table rows (id bigint primary key, day date not null, value bigint not null);
                    create table test_day (day date primary key, rows bigint not null, total bigint not null,
                        complete boolean not null)""");
            return dataSource;
        }

        @Bean
        JdbcTransactionManager transactionManager(DataSource dataSource) {
            return new JdbcTransactionManager(dataSource);
        }

        @Bean
        JdbcTemplate jdbcTemplate(DataSource dataSource) {
            return new JdbcTemplate(dataSource);
        }

        @Bean
        TestDays testDays(JdbcTemplate jdbcTemplate) {
            return new TestDays(jdbcTemplate);
        }

        @Bean
        @StepScope
        JdbcPagingItemReader<Row> rowReader(DataSource dataSource) throws Exception {
            return new JdbcPagingItemReaderBuilder<Row>()
                    .name("rows")
                    .dataSource(dataSource)
                    .selectClause("select id, day, value")
                    .fromClause("from rows")
                    .sortKeys(Map.of("id", Order.ASCENDING))
                    .pageSize(CHUNK)
                    .rowMapper((rs, i) -> new Row(rs.getLong(1), rs.getObject(2, LocalDate.class), rs.getLong(3)))
                    .build();
        }

        @Bean
        @StepScope
        DayWriter<Row, long[]> dayWriter(TestDays testDays, JdbcTransactionManager transactionManager,
                                         @Value("#{stepExecutionContext['" + DayPlan.SPAN_FROM + "'] ?: jobParameters['from']}") String from,
                                         @Value("#{stepExecutionContext['" + DayPlan.SPAN_TO + "'] ?: jobParameters['to']}") String to) {
            return new DayWriter<>(testDays, new TestFolding(), rows -> {
                if (rows.stream().anyMatch(row -> row.id() == FAIL_AT_ID.get())) {
                    throw new IllegalStateException("details of row " + FAIL_AT_ID.get() + " cannot be written");
                }
            }, new TransactionTemplate(transactionManager), LocalDate.parse(from), LocalDate.parse(to));
        }

        @Bean
        Job dayJob(JobRepository jobRepository, JdbcTransactionManager transactionManager,
                   JdbcPagingItemReader<Row> rowReader, DayWriter<Row, long[]> dayWriter) {
            return new JobBuilder("dayJob", jobRepository)
                    .start(new StepBuilder("days", jobRepository)
                            .<Row, Row>chunk(CHUNK)
                            .transactionManager(transactionManager)
                            .reader(rowReader)
                            .writer(dayWriter)
                            .listener(dayWriter)
                            .build())
                    .build();
        }
    }
}
