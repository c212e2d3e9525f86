package io.progressreports.transfer;

import io.progressreports.TestDatabase;
import io.progressreports.cli.ProgressReportsCommand;
import io.progressreports.report.Manifest;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.progressreports.OracleChecks.assertNoProblems;
import static io.progressreports.OracleChecks.check;
import static io.progressreports.OracleChecks.compareRows;
import static io.progressreports.OracleChecks.readCsv;
import static io.progressreports.OracleChecks.wholePeriod;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The transfer-speed job, run through the real command line, against an oracle: the same figures computed in
 * PostgreSQL over the same rows. The oracle SQL is written from design.md's "Transfer speed" semantics, not from
 * the Java code, so that a shared misreading of the design cannot make both sides agree by construction. The
 * source tables are built here rather than by the demo generator, so that the job is checked against rows whose
 * awkward cases are known to be present.
 */
class TransferSpeedJobFunctionalTest {

    /** "Now" for most runs: every synthetic deployment has finished by then. */
    private static final Instant AS_OF = Instant.parse("2026-11-01T06:00:00Z");
    /** An as-of inside the ranges, at a midnight, where rows finish exactly at that instant. */
    private static final Instant MID = Instant.parse("2026-10-15T00:00:00Z");
    private static final String FINISHED_AT_INDEX = "deployment_step_timings_finished_at_idx";
    private static final String UPDATED_AT_INDEX = "deployment_steps_updated_at_idx";

    private static String sourceUrl;
    private static JdbcTemplate source;

    @TempDir
    static Path reports;

    @BeforeAll
    static void createSource() {
        sourceUrl = TestDatabase.newDatabaseUrl();
        source = TestDatabase.jdbc(sourceUrl);
        // One statement string, so that setseed and every random() share a session and the data is the same on
        // every run (TestDatabase.jdbc's pool may hand each call another connection).
        source.execute(SYNTHETIC_DATA);
        insertEdgeRows();
        source.execute("analyze");
    }

    // ---------------------------------------------------------------------------------------------------------
    // Source rows. 42 days of deployments; those created before 2026-09-30 predate the timings table (untimed).
    // Durations are rounded to the microsecond, PostgreSQL's precision, so that sums can be compared exactly.

    private static final String SYNTHETIC_DATA = """
            set time zone 'UTC';
            create table deployments (
                id bigint generated always as identity primary key,
                project_id bigint not null,
                created_at timestamptz not null);
            create table deployment_steps (
                id bigint generated always as identity primary key,
                deployment_id bigint,
                step text,
                status text,
                total_items int,
                completed_items int,
                created_at timestamptz,
                updated_at timestamptz);
            create table deployment_step_timings (
                id bigint generated always as identity primary key,
                deployment_step_id bigint unique not null,
                started_at timestamptz(6),
                finished_at timestamptz(6));
            create index deployment_step_timings_finished_at_idx on deployment_step_timings (finished_at);
            create index deployment_steps_updated_at_idx on deployment_steps (updated_at);

            select setseed(0.20261101);

            insert into deployments (project_id, created_at)
            select 1 + floor(random() * 500)::bigint, d + make_interval(secs => floor(random() * 86400e6) / 1e6)
            from generate_series(timestamptz '2026-09-20 00:00:00+00', timestamptz '2026-10-31 00:00:00+00',
                                 interval '1 day') d
            cross join generate_series(1, 400) n
            where random() < 0.7
            order by 2;

            create temp table planned as
            select d.id as deployment_id, d.created_at, k.ord, k.step,
                   d.created_at < timestamptz '2026-09-30 00:00:00+00' as untimed,
                   random() as r_status, random() as r_duration, random() as r_items, random() as r_bad,
                   random() as r_gap
            from deployments d
            cross join (values (1, 'preparing'), (2, 'building'), (3, 'transfer_files'), (4, 'finishing'),
                               (5, '=cmd')) k(ord, step)
            where k.ord < 5 or d.id % 7 = 0
            order by d.id, k.ord;

            create temp table sized as
            select p.*, row_number() over (order by p.deployment_id, p.ord) as id,
                   case when p.r_status < 0.03 then 'failed' when p.r_status < 0.05 then 'running'
                        else 'completed' end as status,
                   make_interval(secs => round((case p.step
                       when 'preparing' then 0.5 + p.r_duration * 20
                       when 'building' then 20 + p.r_duration ^ 2 * 900
                       when 'transfer_files' then 0.05 + p.r_duration ^ 3 * 1800
                       when 'finishing' then 0.1 + p.r_duration * 5
                       else 1 + p.r_duration * 30 end)::numeric, 6)::float8) as duration,
                   case when p.step = 'transfer_files' then 1 + floor(p.r_items ^ 2 * 40000)::int end as total_items,
                   -- a few % of completed, timed transfers break one rule each, 0..6 in design.md's order
                   case when p.step = 'transfer_files' and p.r_status >= 0.05 and not p.untimed and p.r_bad < 0.014
                        then floor(p.r_bad * 500)::int end as bad
            from planned p;

            create temp table timed_steps as
            select s.*,
                   s.created_at + coalesce(sum(s.duration) over w, interval '0')
                       + make_interval(secs => round((s.r_gap * 3)::numeric, 6)::float8) as started
            from sized s
            window w as (partition by s.deployment_id order by s.ord
                         rows between unbounded preceding and 1 preceding);

            create temp table final_steps as
            select t.id, t.deployment_id, t.step, t.status, t.untimed, t.created_at,
                   case t.bad when 1 then null else t.started end as started_at,
                   case when t.status = 'running' or t.bad = 0 then null
                        when t.bad = 2 then t.started
                        when t.bad = 3 then t.started - t.duration
                        else t.started + t.duration end as finished_at,
                   t.total_items,
                   case when t.step <> 'transfer_files' then null
                        when t.bad = 4 then null
                        when t.bad = 5 then -1 - floor(t.r_items * 100)::int
                        when t.bad = 6 then t.total_items + 1 + floor(t.r_items * 10)::int
                        when t.status = 'completed' then t.total_items
                        else floor(t.total_items * t.r_items)::int end as completed_items,
                   t.started + t.duration + make_interval(secs => round((t.r_gap * 1.5)::numeric, 6)::float8)
                       as updated_at
            from timed_steps t;

            insert into deployment_steps (id, deployment_id, step, status, total_items, completed_items, created_at,
                                          updated_at)
            overriding system value
            select id, deployment_id, step, status, total_items, completed_items, created_at, updated_at
            from final_steps order by id;
            select setval(pg_get_serial_sequence('deployment_steps', 'id'), (select max(id) from deployment_steps));

            insert into deployment_step_timings (deployment_step_id, started_at, finished_at)
            select id, started_at, finished_at from final_steps where not untimed order by id;
            """;

    private static final String[] EDGE_ROWS = {
            // step, status, total, completed, updated_at (blank: finished + 1 s), timed, started_at, finished_at
            // Midnights: exactly at UTC's and at Berlin's, and a microsecond before each.
            "transfer_files|completed|1500|1200||t|2026-10-09T23:58:00Z|2026-10-10T00:00:00Z",
            "transfer_files|completed|1500|1500||t|2026-10-09T23:58:00Z|2026-10-09T23:59:59.999999Z",
            "transfer_files|completed|800|700||t|2026-10-09T23:00:00+02:00|2026-10-10T00:00:00+02:00",
            "transfer_files|completed|800|800||t|2026-10-09T23:00:00+02:00|2026-10-09T23:59:59.999999+02:00",
            // Berlin's 25-hour day, 2026-10-25: its first and last microseconds, 02:30 twice, a transfer across
            // the change (two hours, not one), and the next day's midnight.
            "transfer_files|completed|900|900||t|2026-10-24T23:50:00+02:00|2026-10-25T00:00:00+02:00",
            "transfer_files|completed|7200|7200||t|2026-10-25T01:30:00+02:00|2026-10-25T02:30:00+01:00",
            "transfer_files|completed|100|100||t|2026-10-25T02:29:00+02:00|2026-10-25T02:30:00+02:00",
            "transfer_files|completed|100|50||t|2026-10-25T02:29:00+01:00|2026-10-25T02:30:00+01:00",
            "transfer_files|completed|300|300||t|2026-10-25T23:00:00+01:00|2026-10-25T23:59:59.999999+01:00",
            "transfer_files|completed|300|299||t|2026-10-25T23:00:00+01:00|2026-10-26T00:00:00+01:00",
            "building|completed||||t|2026-10-25T01:45:00+02:00|2026-10-25T02:15:00+01:00",
            // At the mid-range as-of (counts) and a microsecond after it (does not), for every kind of row.
            "transfer_files|completed|60|60||t|2026-10-14T23:59:00Z|2026-10-15T00:00:00Z",
            "transfer_files|completed|60|60||t|2026-10-14T23:59:00Z|2026-10-15T00:00:00.000001Z",
            "building|completed||||t|2026-10-14T23:00:00Z|2026-10-15T00:00:00Z",
            "building|completed||||t|2026-10-14T23:00:00Z|2026-10-15T00:00:00.000001Z",
            "transfer_files|completed|10|10|2026-10-15T00:00:00Z|f||",
            "transfer_files|completed|10|10|2026-10-15T00:00:00.000001Z|f||",
            "transfer_files|completed|10|10|2026-10-15T00:00:00Z|t|2026-10-14T23:00:00Z|",
            "transfer_files|completed|10|10|2026-10-15T00:00:00.000001Z|t|2026-10-14T23:00:00Z|",
            // Speed extremes: a microsecond-long transfer, no items, no total, a transfer of three days.
            "transfer_files|completed|1|1||t|2026-10-05T12:00:00Z|2026-10-05T12:00:00.000001Z",
            "transfer_files|completed|50|0||t|2026-10-05T12:00:00Z|2026-10-05T12:00:07.654321Z",
            "transfer_files|completed||10||t|2026-10-05T12:00:00Z|2026-10-05T12:00:03Z",
            "transfer_files|completed|5|5||t|2026-10-05T08:00:00Z|2026-10-08T08:00:00.000001Z",
            // One reject of every kind, then rows that break several rules: the first in design.md's order wins.
            "transfer_files|completed|100|100|2026-10-12T10:00:00Z|t|2026-10-12T09:00:00Z|",
            "transfer_files|completed|100|100||t||2026-10-12T10:00:00Z",
            "transfer_files|completed|100|100||t|2026-10-12T10:00:00Z|2026-10-12T10:00:00Z",
            "transfer_files|completed|100|100||t|2026-10-12T10:00:00.000001Z|2026-10-12T10:00:00Z",
            "transfer_files|completed|100|||t|2026-10-12T09:00:00Z|2026-10-12T10:00:00Z",
            "transfer_files|completed|100|-5||t|2026-10-12T09:00:00Z|2026-10-12T10:00:00Z",
            "transfer_files|completed|100|101||t|2026-10-12T09:00:00Z|2026-10-12T10:00:00Z",
            "transfer_files|completed|100|100|2026-10-12T11:00:00Z|t||",
            "transfer_files|completed|100|||t||2026-10-12T10:00:00Z",
            "transfer_files|completed|100|101||t|2026-10-12T10:00:00Z|2026-10-12T10:00:00Z",
            "transfer_files|completed||||t|2026-10-12T09:00:00Z|2026-10-12T10:00:00Z",
            "transfer_files|completed||-1||t|2026-10-12T09:00:00Z|2026-10-12T10:00:00Z",
            // Without a finish, a reject belongs to its update's day: 23:30 UTC is the next day in Berlin.
            "transfer_files|completed|100|100|2026-10-11T23:30:00Z|t|2026-10-11T22:00:00Z|",
            // Not completed: neither transfers, rejects, untimed nor step durations; transfers are counted under
            // their status, on the day of their finish or, without one, of their update (23:30 UTC is the next
            // day in Berlin). Statuses compare in any case; ~ is a NULL status.
            "transfer_files|failed|100|40|2026-10-12T10:00:00Z|t|2026-10-12T09:00:00Z|",
            "transfer_files|failed|100|40||t|2026-10-12T09:00:00Z|2026-10-12T10:00:00Z",
            "transfer_files|running|100|40|2026-10-12T10:00:00Z|f||",
            "building|failed||||t|2026-10-12T09:00:00Z|2026-10-12T10:00:00Z",
            "transfer_files|FAILED|100|40|2026-10-13T23:30:00Z|f||",
            "transfer_files|Cancelled|100|40||t|2026-10-13T09:00:00Z|2026-10-13T23:30:00Z",
            "transfer_files|canceled|100|40|2026-10-13T10:00:00Z|t|2026-10-13T09:00:00Z|",
            "transfer_files|done|100|100||t|2026-10-13T09:00:00Z|2026-10-13T10:00:00Z",
            "transfer_files|~|100|100|2026-10-13T10:00:00Z|f||",
            "building|CANCELED||||t|2026-10-13T09:00:00Z|2026-10-13T10:00:00Z",
            // Completed in another case: a transfer and a step duration like any other.
            "transfer_files|Completed|400|400||t|2026-10-13T09:00:00Z|2026-10-13T09:00:10Z",
            "building|COMPLETED||||t|2026-10-13T09:00:00Z|2026-10-13T09:00:10Z",
            // Timed steps without a usable duration: no step duration.
            "building|completed||||t|2026-10-12T10:00:00Z|2026-10-12T10:00:00Z",
            "building|completed||||t||2026-10-12T10:00:00Z",
            "building|completed|||2026-10-12T10:00:00Z|t|2026-10-12T09:00:00Z|",
            // A newer transfer that lost its timing row is untimed too.
            "transfer_files|completed|100|100|2026-10-12T12:00:00Z|f||",
            // A name that needs CSV quoting.
            "say \"hi\", then deploy|completed||||t|2026-10-12T09:00:00Z|2026-10-12T09:00:01.5Z",
    };

    private static void insertEdgeRows() {
        long deployment = source.queryForObject(
                "insert into deployments (project_id, created_at) values (0, '2026-10-01T00:00:00Z') returning id",
                Long.class);
        for (String edge : EDGE_ROWS) {
            String[] f = edge.split("\\|", -1);
            OffsetDateTime started = time(f[6]);
            OffsetDateTime finished = time(f[7]);
            OffsetDateTime updated = f[4].isEmpty() ? finished.plusSeconds(1) : time(f[4]);
            source.update("""
                            with s as (
                                insert into deployment_steps (deployment_id, step, status, total_items,
                                    completed_items, created_at, updated_at)
                                values (?, ?, ?, cast(? as int), cast(? as int), cast(? as timestamptz),
                                    cast(? as timestamptz))
                                returning id)
                            insert into deployment_step_timings (deployment_step_id, started_at, finished_at)
                            select id, cast(? as timestamptz), cast(? as timestamptz) from s
                            where cast(? as boolean)""",
                    deployment, f[0], "~".equals(f[1]) ? null : f[1], count(f[2]), count(f[3]),
                    (started != null ? started : updated).minusMinutes(1), updated, started, finished,
                    "t".equals(f[5]));
        }
    }

    private static OffsetDateTime time(String text) {
        return text.isEmpty() ? null : OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static Integer count(String text) {
        return text.isEmpty() ? null : Integer.valueOf(text);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Cases

    record Case(String name, LocalDate from, LocalDate to, Instant asOf, String zone, String grain,
                int partitionDays) {

        @Override
        public String toString() {
            return name;
        }

        String[] arguments(String storeUrl, Path out) {
            return new String[] {"run", "transfer-speed", "--jobs-dir", Path.of("jobs").toAbsolutePath().toString(),
                    "--source-url", sourceUrl, "--store-url", storeUrl, "--out", out.toString(),
                    "--from", from.toString(), "--to", to.toString(), "--as-of", asOf.toString(),
                    "--zone", zone, "--grain", grain, "--partition-days", String.valueOf(partitionDays),
                    // Cases in another zone or grain than the job file's are ad-hoc runs: latest shows them.
                    "--threads", "2", "--latest"};
        }

        Path report(Path out) throws IOException {
            return out.resolve("transfer-speed/latest").toRealPath();
        }

        Object[] sqlArguments() {
            return new Object[] {from, to, asOf.atOffset(ZoneOffset.UTC), zone, grain};
        }
    }

    private static Case job(String name, String from, String to, Instant asOf, String zone, String grain) {
        return new Case(name, LocalDate.parse(from), LocalDate.parse(to), asOf, zone, grain, 7);
    }

    private static final Case DAY_UTC = job("day, UTC, untimed days first", "2026-09-20", "2026-10-31", AS_OF,
            "UTC", "day");

    static Stream<Case> cases() {
        return Stream.of(
                DAY_UTC,
                // Wednesday to Wednesday: the first and last weeks are clipped to the range.
                job("week, UTC, partial weeks", "2026-09-23", "2026-10-28", AS_OF, "UTC", "week"),
                // The range runs past as-of: November has only the hours before it.
                job("month, Europe/Berlin, past as-of", "2026-09-15", "2026-11-30", AS_OF, "Europe/Berlin", "month"),
                job("day, Europe/Berlin, DST end", "2026-10-05", "2026-10-31", AS_OF, "Europe/Berlin", "day"),
                job("as-of inside the range", "2026-10-01", "2026-10-31", MID, "UTC", "day"),
                // Two 21-day partitions: the edge rows come last and land on days the writer let go of long
                // before, which it reads back from the store.
                new Case("long partitions, late rows on early days", LocalDate.parse("2026-09-20"),
                        LocalDate.parse("2026-10-31"), AS_OF, "UTC", "day", 42));
    }

    private static Path out(String name) {
        return reports.resolve(name.replaceAll("[^a-zA-Z0-9]+", "-"));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Tests

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyFigureAgreesWithSql(Case c) throws IOException {
        Path out = out(c.name());

        // The process's own zone must not move a transfer to another day or hour: the DST case runs in one whose
        // offset is a half hour off Berlin's.
        TimeZone processZone = TimeZone.getDefault();
        if (c.name().contains("DST")) {
            TimeZone.setDefault(TimeZone.getTimeZone("Asia/Kolkata"));
        }
        try {
            assertThat(ProgressReportsCommand.execute(c.arguments(TestDatabase.newStoreUrl(), out))).isZero();
        } finally {
            TimeZone.setDefault(processZone);
        }

        Path report = c.report(out);
        var problems = new ArrayList<String>();
        compareReport(c, report, problems);
        Map<String, Object> manifest = Manifest.read(report.resolve(Manifest.FILE));
        compareComputedDays(c, manifest, problems);
        // A fresh store computes every day up to as-of, so the run's row counts are the whole range's.
        Map<String, Object> rows = map(manifest.get("rows"));
        Map<String, Long> totals = sqlTotals(c);
        totals.forEach((key, expected) -> check(problems, "manifest rows." + key,
                ((Number) rows.get(key)).longValue(), expected));
        assertThat(list(manifest.get("index_advice"))).as("index advice with both indexes present").isEmpty();
        assertThat(map(map(manifest.get("statuses")).get("not_completed"))).as("statuses counted by word")
                .containsKeys("failed", "running");
        assertThat(((Number) map(manifest.get("partitions")).get("computed")).longValue())
                .as("partitions of a run with the indexes").isGreaterThan(1);
        assertNoProblems(c.name(), problems);
    }

    /** The comparisons below prove little unless the rows hold the cases they are about. */
    @Test
    void theSourceHoldsEveryAwkwardCase() {
        Map<String, Long> outcomes = new LinkedHashMap<>();
        source.query(BASE + "select coalesce(outcome, 'used') as outcome, count(*) as n from classified group by 1",
                rs -> {
                    outcomes.put(rs.getString("outcome"), rs.getLong("n"));
                }, DAY_UTC.sqlArguments());
        assertThat(outcomes).containsKeys("used", "untimed", "finished_at_missing", "started_at_missing",
                "duration_not_positive", "completed_items_missing", "completed_items_negative",
                "completed_items_over_total");
        assertThat(outcomes.get("used")).isGreaterThan(5_000);
        assertThat(source.queryForList(BASE + """
                        select day from classified group by day
                        having count(*) filter (where outcome is null) = 0 and count(*) > 0 order by day""",
                LocalDate.class, DAY_UTC.sqlArguments()))
                .as("days with untimed transfers only").hasSize(10).startsWith(LocalDate.parse("2026-09-20"));
        assertThat(source.queryForList("select distinct status from deployment_steps", String.class))
                .contains("completed", "failed", "running");
        assertThat(source.queryForObject("""
                        select count(*) from deployment_steps s
                        join deployment_step_timings t on t.deployment_step_id = s.id
                        where s.step = '=cmd' and s.status = 'completed'""", Long.class)).isPositive();
    }

    @Test
    void formulaLikeStepNamesAreNeutralisedInTheCsv() throws IOException {
        Path out = out("neutralised");
        assertThat(ProgressReportsCommand.execute(DAY_UTC.arguments(TestDatabase.newStoreUrl(), out))).isZero();

        String text = Files.readString(DAY_UTC.report(out).resolve("step_duration.csv"), StandardCharsets.UTF_8);
        assertThat(text).contains(",'=cmd,").doesNotContain(",=cmd,");
        assertThat(readCsv(DAY_UTC.report(out).resolve("step_duration.csv"), DURATION_COLUMNS))
                .extracting(r -> r.get("step")).contains("say \"hi\", then deploy");
    }

    /** The nightly pattern: a second run finds the final days in the store and must publish the same files. */
    @Test
    void aSecondRunReusesFinalDaysAndWritesTheSameFiles() throws IOException {
        String store = TestDatabase.newStoreUrl();
        Path first = out("first run");
        Path second = out("second run");

        assertThat(ProgressReportsCommand.execute(DAY_UTC.arguments(store, first))).isZero();
        assertThat(ProgressReportsCommand.execute(DAY_UTC.arguments(store, second))).isZero();

        Map<String, Object> manifest = Manifest.read(DAY_UTC.report(second).resolve(Manifest.FILE));
        assertThat(((Number) map(manifest.get("days")).get("reused")).longValue()).as("days reused").isPositive();
        for (String file : List.of("transfer_speed.csv", "step_duration.csv", "rejects.csv", "transfer_by_size.csv",
                "transfer_by_hour.csv", "transfer_eta.csv")) {
            assertThat(Files.readAllBytes(DAY_UTC.report(second).resolve(file)))
                    .as("%s of the second run", file)
                    .isEqualTo(Files.readAllBytes(DAY_UTC.report(first).resolve(file)));
        }
        var problems = new ArrayList<String>();
        compareComputedDays(DAY_UTC, manifest, problems);
        assertNoProblems(DAY_UTC.name(), problems);
    }

    /**
     * Without an index on finished_at each partition scans the whole table (one partition for a long range would
     * not fit the heap): the job must say which index would help, and still get every figure right.
     */
    @Test
    void withoutTheFinishedAtIndexPartitionsScanWithAdvice() throws IOException {
        Case c = job("no finished_at index", "2026-09-28", "2026-10-31", AS_OF, "Europe/Berlin", "week");
        Path out = out(c.name());
        source.execute("drop index " + FINISHED_AT_INDEX);
        try {
            assertThat(ProgressReportsCommand.execute(c.arguments(TestDatabase.newStoreUrl(), out))).isZero();
        } finally {
            source.execute("create index " + FINISHED_AT_INDEX + " on deployment_step_timings (finished_at)");
        }

        Map<String, Object> manifest = Manifest.read(c.report(out).resolve(Manifest.FILE));
        assertThat(((Number) map(manifest.get("partitions")).get("computed")).longValue()).isGreaterThan(1);
        assertThat(list(manifest.get("index_advice")))
                .contains("CREATE INDEX CONCURRENTLY ON \"public\".\"deployment_step_timings\" (\"finished_at\");");
        var problems = new ArrayList<String>();
        compareReport(c, c.report(out), problems);
        compareComputedDays(c, manifest, problems);
        assertNoProblems(c.name(), problems);
    }

    /**
     * Without an index on the steps' updated_at, every read of unfinished transfers by update time scans the steps
     * table: once per partition, it was one scan of the whole table per partition (6 here). The unfinished
     * transfers are read in one pass of their own instead: against the same run with the index, at most one more
     * sequential scan of the table, and every figure still right.
     */
    @Test
    void withoutTheUpdatedAtIndexTheRunScansTheStepsAtMostOnceMore() throws IOException {
        Case c = new Case("no updated_at index", LocalDate.parse("2026-09-20"), LocalDate.parse("2026-10-31"), AS_OF,
                "Europe/Berlin", "day", 7);
        long indexed = stepScans(() -> ProgressReportsCommand.execute(c.arguments(TestDatabase.newStoreUrl(),
                out("with updated_at index"))));
        source.execute("drop index " + UPDATED_AT_INDEX);
        long scans;
        Path out = out(c.name());
        try {
            scans = stepScans(() -> ProgressReportsCommand.execute(c.arguments(TestDatabase.newStoreUrl(), out)));
        } finally {
            source.execute("create index " + UPDATED_AT_INDEX + " on deployment_steps (updated_at)");
        }

        Map<String, Object> manifest = Manifest.read(c.report(out).resolve(Manifest.FILE));
        assertThat(((Number) map(manifest.get("partitions")).get("computed")).longValue()).isEqualTo(6);
        assertThat(list(manifest.get("index_advice")))
                .contains("CREATE INDEX CONCURRENTLY ON \"public\".\"deployment_steps\" (\"updated_at\");");
        assertThat(scans).as("sequential scans of deployment_steps without the index, %d with it", indexed)
                .isLessThanOrEqualTo(indexed + 1);
        var problems = new ArrayList<String>();
        compareReport(c, c.report(out), problems);
        compareComputedDays(c, manifest, problems);
        assertNoProblems(c.name(), problems);
    }

    /** Sequential scans of deployment_steps during a run that must exit 0, from pg_stat_user_tables. */
    private static long stepScans(java.util.function.IntSupplier run) {
        long before = settledStepScans();
        assertThat(run.getAsInt()).isZero();
        return settledStepScans() - before;
    }

    /**
     * The statistics reach pg_stat_user_tables when a backend flushes them (at the latest when it exits, and the
     * run's connections close with it): read until two readings a second apart agree.
     */
    private static long settledStepScans() {
        String sql = "select pg_stat_clear_snapshot(), (select seq_scan from pg_stat_user_tables "
                + "where relname = 'deployment_steps')";
        long last = -1;
        for (int attempt = 0; attempt < 30; attempt++) {
            long now = source.queryForObject(sql, (rs, i) -> rs.getLong(2));
            if (now == last) {
                return now;
            }
            last = now;
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return last;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Comparison

    private static final List<String> SPEED_COLUMNS = List.of("period_start", "period_end", "transfers", "items",
            "seconds", "items_per_second", "p50_items_per_second", "p90_items_per_second", "p99_items_per_second",
            "max_items_per_second", "rejected", "untimed", "partial");
    private static final List<String> DURATION_COLUMNS = List.of("period_start", "period_end", "step", "steps",
            "total_seconds", "p50_seconds", "p90_seconds", "p99_seconds", "max_seconds", "partial");
    private static final List<String> STATUS_COLUMNS = List.of("period_start", "period_end", "transfers",
            "completed", "failed", "canceled", "running", "other", "failure_rate", "partial");
    private static final List<String> REJECT_COLUMNS = List.of("deployment_step_id", "day", "reason", "started_at",
            "finished_at", "completed_items", "total_items");

    private static void compareReport(Case c, Path report, List<String> problems) throws IOException {
        compareSpeeds(c, readCsv(report.resolve("transfer_speed.csv"), SPEED_COLUMNS), problems);
        compareDurations(c, readCsv(report.resolve("step_duration.csv"), DURATION_COLUMNS), problems);
        compareRejects(c, readCsv(report.resolve("rejects.csv"), REJECT_COLUMNS), problems);
        compareStatuses(c, readCsv(report.resolve("transfer_status.csv"), STATUS_COLUMNS), problems);
        compareComparisons(c, readCsv(report.resolve("comparison.csv"), COMPARISON_COLUMNS), problems);
        compareCells(c, "transfer_by_size.csv", "bucket", List.of("min_items", "max_items"), report, problems);
        compareCells(c, "transfer_by_hour.csv", "hour", List.of("hour"), report, problems);
        compareCells(c, "transfer_eta.csv", "eta", List.of("min_items", "max_items", "hour"), report, problems);
    }

    private static final List<String> CELL_COLUMNS = List.of("transfers", "items", "seconds", "items_per_second",
            "p10_seconds", "p50_seconds", "p90_seconds", "max_seconds", "p10_items_per_second",
            "p50_items_per_second", "p90_items_per_second", "max_items_per_second", "partial");

    /**
     * transfer_by_size.csv and transfer_by_hour.csv: per period and size bucket (or hour of start), counts and sums
     * exactly, percentiles within 1%; every period has a row for every hour, and for every bucket with transfers
     * somewhere in the range.
     */
    private static void compareCells(Case c, String file, String key, List<String> keyColumns, Path report,
                                     List<String> problems) throws IOException {
        var header = new ArrayList<>(List.of("period_start", "period_end"));
        header.addAll(keyColumns);
        header.addAll(CELL_COLUMNS);
        List<CSVRecord> csv = readCsv(report.resolve(file), header);
        var expected = new LinkedHashMap<String, Map<String, Object>>();
        source.query(key.equals("eta") ? etaSql() : cellSql(key), rs -> {
            Map<String, Object> row = row(rs);
            expected.put(row.get("period_start") + " " + keyColumns.stream().map(k -> row.get(k).toString())
                    .collect(Collectors.joining(" ")), row);
        }, c.sqlArguments());
        compareRows(file, csv, r -> r.get("period_start") + " " + keyColumns.stream().map(r::get)
                .collect(Collectors.joining(" ")), expected, problems,
                (k, row, sql) -> {
                    String where = file + " " + k;
                    for (String column : keyColumns) {
                        check(problems, where + " " + column, row.get(column), sql.get(column).toString());
                    }
                    check(problems, where + " period_end", row.get("period_end"), sql.get("period_end").toString());
                    check(problems, where + " partial", row.get("partial"), sql.get("partial").toString());
                    check(problems, where + " transfers", row.get("transfers"), sql.get("transfers").toString());
                    check(problems, where + " items", row.get("items"), sql.get("items").toString());
                    check(problems, where + " seconds", row.get("seconds"), exact(sql.get("seconds"), 6));
                    checkClose(problems, where + " items_per_second", row.get("items_per_second"),
                            (BigDecimal) sql.get("items_per_second"), 0, 0.001);
                    for (String p : List.of("p10", "p50", "p90")) {
                        checkClose(problems, where + " " + p + "_seconds", row.get(p + "_seconds"),
                                (BigDecimal) sql.get(p + "_seconds"), 0.01, 0.0000005);
                        checkClose(problems, where + " " + p + "_items_per_second",
                                row.get(p + "_items_per_second"), (BigDecimal) sql.get(p + "_speed"), 0.01, 0.0005);
                    }
                    check(problems, where + " max_seconds", row.get("max_seconds"),
                            sql.get("max_seconds") == null ? "" : exact(sql.get("max_seconds"), 6));
                    check(problems, where + " max_items_per_second", row.get("max_items_per_second"),
                            rounded(sql.get("max_speed"), 3));
                    checkOrdered(problems, where + " seconds", sql.get("min_seconds") == null ? ""
                                    : exact(sql.get("min_seconds"), 6), row.get("p10_seconds"),
                            row.get("p50_seconds"), row.get("p90_seconds"), row.get("max_seconds"));
                    checkOrdered(problems, where + " speeds", rounded(sql.get("min_speed"), 3),
                            row.get("p10_items_per_second"), row.get("p50_items_per_second"),
                            row.get("p90_items_per_second"), row.get("max_items_per_second"));
                });
    }

    private static final List<String> COMPARISON_COLUMNS = List.of("figure", "period_start", "period_end", "value",
            "baseline", "baseline_start", "baseline_end", "baseline_value", "change", "relative_change",
            "beyond_noise");
    private static final int NOISE_PERIODS = 19;

    /**
     * comparison.csv: the latest whole period that ended by as-of, against the one before and the one that
     * started 28 days earlier, from SQL's speeds (percentiles within 1%); beyond noise where SQL's figure lies
     * outside the range of the 19 periods before (unknown with fewer), judged only where the 1% cannot decide it.
     */
    private static void compareComparisons(Case c, List<CSVRecord> csv, List<String> problems) {
        ZoneId zone = ZoneId.of(c.zone());
        var periods = new ArrayList<Map<String, Object>>();
        source.query(speedSql(), rs -> {
            Map<String, Object> row = row(rs);
            LocalDate start = (LocalDate) row.get("period_start");
            LocalDate end = (LocalDate) row.get("period_end");
            if (wholePeriod(c.grain(), start, end) && !end.atStartOfDay(zone).toInstant().isAfter(c.asOf())
                    && ((Number) row.get("transfers")).longValue() > 0) {
                periods.add(row);
            }
        }, c.sqlArguments());
        periods.sort(Comparator.comparing(row -> (LocalDate) row.get("period_start")));
        var expected = new LinkedHashMap<String, Map<String, Object>>();
        if (periods.size() >= 2) {
            Map<String, Object> latest = periods.get(periods.size() - 1);
            var baselines = new LinkedHashMap<String, Map<String, Object>>();
            baselines.put("previous", periods.get(periods.size() - 2));
            LocalDate earlier = ((LocalDate) latest.get("period_start")).minusDays(28);
            LocalDate earlierEnd = ((LocalDate) latest.get("period_end")).minusDays(28);
            periods.stream().filter(row -> row.get("period_start").equals(earlier)
                    && row.get("period_end").equals(earlierEnd)).findFirst()
                    .ifPresent(row -> baselines.put("four_weeks_earlier", row));
            for (String figure : List.of("items_per_second", "p50", "p90")) {
                baselines.forEach((name, baseline) -> expected.put(
                        (figure.equals("items_per_second") ? figure : figure + "_items_per_second") + " " + name,
                        Map.of("figure", figure, "latest", latest, "baseline", baseline)));
            }
        }
        if (c.grain().equals("day")) {
            // Three figures against the day before, and against four weeks before where the range reaches back.
            assertThat(expected).as("comparisons SQL expects in case '%s'", c.name())
                    .hasSize(periods.size() > 28 ? 6 : 3);
        }
        compareRows("comparison.csv", csv, r -> r.get("figure") + " " + r.get("baseline"), expected, problems,
                (key, row, sql) -> {
                    String where = "comparison.csv " + key;
                    String figure = (String) sql.get("figure");
                    @SuppressWarnings("unchecked")
                    Map<String, Object> latest = (Map<String, Object>) sql.get("latest");
                    @SuppressWarnings("unchecked")
                    Map<String, Object> baseline = (Map<String, Object>) sql.get("baseline");
                    double tolerance = figure.equals("items_per_second") ? 0 : 0.01;
                    check(problems, where + " period_start", row.get("period_start"),
                            latest.get("period_start").toString());
                    check(problems, where + " baseline_start", row.get("baseline_start"),
                            baseline.get("period_start").toString());
                    checkClose(problems, where + " value", row.get("value"), (BigDecimal) latest.get(figure),
                            tolerance, 0.000001);
                    checkClose(problems, where + " baseline_value", row.get("baseline_value"),
                            (BigDecimal) baseline.get(figure), tolerance, 0.000001);
                    checkNoise(problems, where, row.get("beyond_noise"), periods, figure, tolerance);
                });
    }

    private static void checkNoise(List<String> problems, String where, String actual,
                                   List<Map<String, Object>> periods, String figure, double tolerance) {
        if (periods.size() < NOISE_PERIODS + 1) {
            check(problems, where + " beyond_noise", actual, "");
            return;
        }
        double latest = ((BigDecimal) periods.get(periods.size() - 1).get(figure)).doubleValue();
        var before = periods.subList(periods.size() - 1 - NOISE_PERIODS, periods.size() - 1).stream()
                .mapToDouble(row -> ((BigDecimal) row.get(figure)).doubleValue()).toArray();
        double min = java.util.Arrays.stream(before).min().orElseThrow();
        double max = java.util.Arrays.stream(before).max().orElseThrow();
        boolean undecided = Math.abs(latest - min) <= 2 * tolerance * min || Math.abs(latest - max) <= 2 * tolerance * max;
        if (!undecided) {
            check(problems, where + " beyond_noise", actual, Boolean.toString(latest < min || latest > max));
        }
    }

    private static void compareStatuses(Case c, List<CSVRecord> csv, List<String> problems) {
        String file = "transfer_status.csv";
        var expected = new LinkedHashMap<String, Map<String, Object>>();
        source.query(statusSql(), rs -> {
            expected.put(rs.getObject("period_start", LocalDate.class).toString(), row(rs));
        }, c.sqlArguments());
        compareRows(file, csv, r -> r.get("period_start"), expected, problems, (key, row, sql) -> {
            String where = file + " " + key;
            for (String column : STATUS_COLUMNS.subList(1, STATUS_COLUMNS.size())) {
                check(problems, where + " " + column, row.get(column), text(sql.get(column)));
            }
        });
    }

    private static void compareSpeeds(Case c, List<CSVRecord> csv, List<String> problems) {
        String file = "transfer_speed.csv";
        var expected = new LinkedHashMap<String, Map<String, Object>>();
        source.query(speedSql(), rs -> {
            expected.put(rs.getObject("period_start", LocalDate.class).toString(), row(rs));
        }, c.sqlArguments());
        Function<CSVRecord, String> rowKey = r -> r.get("period_start");
        compareRows(file, csv, rowKey, expected, problems, (key, row, sql) -> {
            String where = file + " " + key;
            check(problems, where + " period_end", row.get("period_end"), sql.get("period_end").toString());
            check(problems, where + " partial", row.get("partial"), sql.get("partial").toString());
            check(problems, where + " transfers", row.get("transfers"), sql.get("transfers").toString());
            check(problems, where + " items", row.get("items"), sql.get("items").toString());
            check(problems, where + " seconds", row.get("seconds"), exact(sql.get("seconds"), 6));
            checkClose(problems, where + " items_per_second", row.get("items_per_second"),
                    (BigDecimal) sql.get("items_per_second"), 0, 0.001);
            for (String p : List.of("p50", "p90", "p99")) {
                checkClose(problems, where + " " + p + "_items_per_second", row.get(p + "_items_per_second"),
                        (BigDecimal) sql.get(p), 0.01, 0.0005);
            }
            check(problems, where + " max_items_per_second", row.get("max_items_per_second"),
                    rounded(sql.get("max"), 3));
            checkOrdered(problems, where, rounded(sql.get("min"), 3), row.get("p50_items_per_second"),
                    row.get("p90_items_per_second"), row.get("p99_items_per_second"), row.get("max_items_per_second"));
            check(problems, where + " rejected", row.get("rejected"), sql.get("rejected").toString());
            check(problems, where + " untimed", row.get("untimed"), sql.get("untimed").toString());
        });
    }

    private static void compareDurations(Case c, List<CSVRecord> csv, List<String> problems) {
        String file = "step_duration.csv";
        var expected = new LinkedHashMap<String, Map<String, Object>>();
        source.query(durationSql(), rs -> {
            expected.put(rs.getObject("period_start", LocalDate.class) + " " + neutralised(rs.getString("step")),
                    row(rs));
        }, c.sqlArguments());
        Function<CSVRecord, String> rowKey = r -> r.get("period_start") + " " + r.get("step");
        compareRows(file, csv, rowKey, expected, problems, (key, row, sql) -> {
            String where = file + " " + key;
            check(problems, where + " period_end", row.get("period_end"), sql.get("period_end").toString());
            check(problems, where + " partial", row.get("partial"), sql.get("partial").toString());
            check(problems, where + " steps", row.get("steps"), sql.get("steps").toString());
            check(problems, where + " total_seconds", row.get("total_seconds"), exact(sql.get("total_seconds"), 6));
            for (String p : List.of("p50", "p90", "p99")) {
                checkClose(problems, where + " " + p + "_seconds", row.get(p + "_seconds"), (BigDecimal) sql.get(p),
                        0.01, 0.0000005);
            }
            check(problems, where + " max_seconds", row.get("max_seconds"), exact(sql.get("max_seconds"), 6));
            checkOrdered(problems, where, exact(sql.get("min_seconds"), 6), row.get("p50_seconds"),
                    row.get("p90_seconds"), row.get("p99_seconds"), row.get("max_seconds"));
        });
    }

    private static void compareRejects(Case c, List<CSVRecord> csv, List<String> problems) {
        String file = "rejects.csv";
        var expected = new LinkedHashMap<String, Map<String, Object>>();
        source.query(rejectSql(), rs -> {
            expected.put(Long.toString(rs.getLong("id")), row(rs));
        }, c.sqlArguments());
        Function<CSVRecord, String> rowKey = r -> r.get("deployment_step_id");
        compareRows(file, csv, rowKey, expected, problems, (key, row, sql) -> {
            String where = file + " step " + key;
            check(problems, where + " day", row.get("day"), sql.get("day").toString());
            check(problems, where + " reason", row.get("reason"), sql.get("reason"));
            check(problems, where + " started_at", instant(row.get("started_at")), instant(sql.get("started_at")));
            check(problems, where + " finished_at", instant(row.get("finished_at")),
                    instant(sql.get("finished_at")));
            check(problems, where + " completed_items", row.get("completed_items"), text(sql.get("completed_items")));
            check(problems, where + " total_items", row.get("total_items"), text(sql.get("total_items")));
        });
    }

    /** Every day the run computed, as the manifest lists it, against SQL's count of that day's rows. */
    private static void compareComputedDays(Case c, Map<String, Object> manifest, List<String> problems) {
        var expected = new LinkedHashMap<String, Map<String, Object>>();
        source.query(daySql(), rs -> {
            expected.put(rs.getObject("day", LocalDate.class).toString(), row(rs));
        }, c.sqlArguments());
        List<Object> days = list(manifest.get("computed_days"));
        assertThat(days).as("computed_days of case '%s'", c.name()).isNotEmpty();
        for (Object entry : days) {
            Map<String, Object> day = map(entry);
            String where = "manifest computed_days " + day.get("day");
            Map<String, Object> sql = expected.getOrDefault((String) day.get("day"), Map.of());
            long read = number(day, "read");
            check(problems, where + " read = used + rejected + untimed + other_statuses", read,
                    number(day, "used") + number(day, "rejected") + number(day, "untimed")
                            + number(day, "other_statuses"));
            for (String key : ROW_KEYS) {
                check(problems, where + " " + key, number(day, key), number(sql, key));
            }
        }
    }

    private static final List<String> ROW_KEYS = List.of("read", "used", "rejected", "untimed", "other_statuses");

    private static Map<String, Long> sqlTotals(Case c) {
        var totals = new LinkedHashMap<String, Long>();
        source.query(daySql(), rs -> {
            for (String key : ROW_KEYS) {
                totals.merge(key, rs.getLong(key), Long::sum);
            }
        }, c.sqlArguments());
        return totals;
    }

    private static long number(Map<String, Object> map, String key) {
        Object value = map.get(key);
        return value == null ? 0 : ((Number) value).longValue();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return (List<Object>) value;
    }

    /** Reads a report CSV as an analyst's tool would, after checking the byte-level contract (BOM, CRLF). */

    /**
     * Histogram percentiles are within 1% of percentile_disc; the cell's own rounding adds up to half its last
     * decimal, which matters near zero.
     */
    private static void checkClose(List<String> problems, String what, String actual, BigDecimal expected,
                                   double relative, double absolute) {
        if (expected == null || actual.isEmpty()) {
            check(problems, what, actual, expected == null ? "" : expected.toPlainString());
            return;
        }
        double job = Double.parseDouble(actual);
        double sql = expected.doubleValue();
        if (Math.abs(job - sql) > relative * Math.abs(sql) + absolute + 1e-12) {
            problems.add(what + ": job " + actual + ", SQL " + expected.setScale(6, RoundingMode.HALF_UP)
                    .toPlainString() + " (too far apart)");
        }
    }

    /** min <= p50 <= p90 <= p99 <= max, in the cells as written (the exact minimum from SQL); blank cells aside. */
    private static void checkOrdered(List<String> problems, String where, String... cells) {
        List<BigDecimal> values = Stream.of(cells).filter(cell -> !cell.isEmpty()).map(BigDecimal::new).toList();
        for (int i = 1; i < values.size(); i++) {
            if (values.get(i - 1).compareTo(values.get(i)) > 0) {
                problems.add(where + ": min, p50, p90, p99, max out of order: " + String.join(", ", cells));
                return;
            }
        }
    }

    /** design.md: a text cell starting with = + - @, tab or CR is neutralised. */
    private static String neutralised(String text) {
        return !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }

    /** Sums of microsecond durations are exact, so six decimals must match to the digit. */
    private static String exact(Object value, int scale) {
        return ((BigDecimal) value).setScale(scale, RoundingMode.UNNECESSARY).toPlainString();
    }

    private static String rounded(Object value, int scale) {
        return value == null ? "" : ((BigDecimal) value).setScale(scale, RoundingMode.HALF_UP).toPlainString();
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    private static Object instant(Object value) {
        if (value == null || "".equals(value)) {
            return "";
        }
        return value instanceof OffsetDateTime time ? time.toInstant() : Instant.parse((String) value);
    }

    private static Map<String, Object> row(ResultSet rs) throws SQLException {
        var row = new LinkedHashMap<String, Object>();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
            String type = rs.getMetaData().getColumnTypeName(i);
            Object value = type.equals("timestamptz") ? rs.getObject(i, OffsetDateTime.class)
                    : type.equals("date") ? rs.getObject(i, LocalDate.class) : rs.getObject(i);
            row.put(rs.getMetaData().getColumnLabel(i), value);
        }
        return row;
    }

    // ---------------------------------------------------------------------------------------------------------
    // The oracle. Straight from design.md's "Transfer speed", in SQL, over the source rows:
    //   a transfer is a deployment_steps row with step 'transfer_files' and status 'completed'; with no timing
    //   row it is untimed on the day of updated_at; otherwise it belongs to the day in Z of finished_at (of
    //   updated_at when finished_at is null), counts only if that time <= T, and is rejected for the first of:
    //   finished_at null, started_at null, duration <= 0, completed_items null, < 0, > total_items.
    //   Periods are date_trunc of the day (ISO weeks, months), clipped to the range, up to the as-of day.

    private static final String BASE = """
            with args as (
                select cast(? as date) as d_from, cast(? as date) as d_to, cast(? as timestamptz) as as_of,
                       cast(? as text) as zone, cast(? as text) as grain
            ),
            transfers as (
                select s.id, s.total_items, s.completed_items, t.started_at, t.finished_at,
                       t.deployment_step_id is not null as timed, coalesce(t.finished_at, s.updated_at) as at
                from deployment_steps s
                left join deployment_step_timings t on t.deployment_step_id = s.id
                where s.step = 'transfer_files' and lower(s.status) = 'completed'
            ),
            all_transfers as (
                select s.id, s.status, lower(s.status) = 'completed' as completed,
                       case when t.deployment_step_id is not null and isfinite(t.finished_at) then t.finished_at
                            else s.updated_at end as at
                from deployment_steps s
                left join deployment_step_timings t on t.deployment_step_id = s.id
                where s.step = 'transfer_files'
            ),
            placed as (
                select x.*, (x.at at time zone a.zone)::date as day
                from all_transfers x cross join args a
                where x.at <= a.as_of and (x.at at time zone a.zone)::date between a.d_from and a.d_to
            ),
            classified as (
                select x.*, (x.at at time zone a.zone)::date as day,
                       case when not x.timed then 'untimed'
                            when x.finished_at is null then 'finished_at_missing'
                            when x.started_at is null then 'started_at_missing'
                            when x.finished_at - x.started_at <= interval '0' then 'duration_not_positive'
                            when x.completed_items is null then 'completed_items_missing'
                            when x.completed_items < 0 then 'completed_items_negative'
                            when x.completed_items > x.total_items then 'completed_items_over_total'
                       end as outcome,
                       extract(epoch from x.finished_at - x.started_at) as seconds
                from transfers x cross join args a
                where x.at <= a.as_of and (x.at at time zone a.zone)::date between a.d_from and a.d_to
            ),
            used as (
                select c.*, c.completed_items / c.seconds as speed from classified c where c.outcome is null
            ),
            periods as (
                select greatest(g::date, a.d_from) as period_start,
                       least((g + ('1 ' || a.grain)::interval)::date, a.d_to + 1) as period_end,
                       g::date < a.d_from or (g + ('1 ' || a.grain)::interval)::date > a.d_to + 1 as partial
                from args a
                cross join generate_series(date_trunc(a.grain, a.d_from::timestamp), a.d_to::timestamp,
                                           ('1 ' || a.grain)::interval) g
                where greatest(g::date, a.d_from)::timestamp at time zone a.zone <= a.as_of
            )
            """;

    private static String speedSql() {
        return BASE + """
                , speeds as (
                    select p.period_start, count(u.id) as transfers, coalesce(sum(u.completed_items), 0) as items,
                           coalesce(sum(u.seconds), 0) as seconds,
                           sum(u.completed_items) / nullif(sum(u.seconds), 0) as items_per_second,
                           percentile_disc(0.5) within group (order by u.speed) as p50,
                           percentile_disc(0.9) within group (order by u.speed) as p90,
                           percentile_disc(0.99) within group (order by u.speed) as p99,
                           max(u.speed) as max, min(u.speed) as min
                    from periods p left join used u on u.day >= p.period_start and u.day < p.period_end
                    group by p.period_start
                ),
                others as (
                    select p.period_start,
                           count(c.id) filter (where c.outcome <> 'untimed') as rejected,
                           count(c.id) filter (where c.outcome = 'untimed') as untimed
                    from periods p left join classified c on c.day >= p.period_start and c.day < p.period_end
                    group by p.period_start
                )
                select p.period_start, p.period_end, s.transfers, s.items, s.seconds, s.items_per_second, s.p50,
                       s.p90, s.p99, s.max, s.min, o.rejected, o.untimed, p.partial
                from periods p join speeds s using (period_start) join others o using (period_start)
                order by p.period_start
                """;
    }

    /**
     * Every completed step with a positive duration, of any kind: design.md's "every step name with a timing row".
     * A transfer rejected only for its item counts still took that long, so its duration counts here although
     * its speed does not.
     */
    private static String durationSql() {
        return BASE + """
                , durations as (
                    select s.step, (t.finished_at at time zone a.zone)::date as day,
                           extract(epoch from t.finished_at - t.started_at) as seconds
                    from deployment_steps s
                    join deployment_step_timings t on t.deployment_step_id = s.id
                    cross join args a
                    where lower(s.status) = 'completed' and t.started_at is not null and t.finished_at > t.started_at
                      and t.finished_at <= a.as_of and (t.finished_at at time zone a.zone)::date between a.d_from
                          and a.d_to
                )
                select p.period_start, p.period_end, d.step, count(*) as steps, sum(d.seconds) as total_seconds,
                       percentile_disc(0.5) within group (order by d.seconds) as p50,
                       percentile_disc(0.9) within group (order by d.seconds) as p90,
                       percentile_disc(0.99) within group (order by d.seconds) as p99,
                       max(d.seconds) as max_seconds, min(d.seconds) as min_seconds, p.partial
                from periods p join durations d on d.day >= p.period_start and d.day < p.period_end
                group by p.period_start, p.period_end, d.step, p.partial
                order by 1, 3
                """;
    }

    /**
     * Every transfer row by status, per period: completed words compare in any case; failed, canceled (or
     * cancelled) and running likewise; the rest is other. failure_rate = failed / (completed + failed).
     */
    private static String statusSql() {
        return BASE + """
                , counted as (
                    select p.period_start, p.period_end, p.partial, count(x.id) as transfers,
                           count(x.id) filter (where x.completed) as completed,
                           count(x.id) filter (where lower(x.status) = 'failed') as failed,
                           count(x.id) filter (where lower(x.status) in ('canceled', 'cancelled')) as canceled,
                           count(x.id) filter (where lower(x.status) = 'running') as running,
                           count(x.id) filter (where x.status is null or lower(x.status) not in
                               ('completed', 'failed', 'canceled', 'cancelled', 'running')) as other
                    from periods p left join placed x on x.day >= p.period_start and x.day < p.period_end
                    group by p.period_start, p.period_end, p.partial
                )
                select c.*, round(c.failed::numeric / nullif(c.completed + c.failed, 0), 4) as failure_rate
                from counted c
                order by c.period_start
                """;
    }

    /**
     * Used transfers per period and size bucket or hour: the bucket is the number of decimal digits of the items
     * (0 for none), the hour that of started_at in the zone. Every period has every hour, and every bucket that has
     * transfers in the range; a cell without transfers counts 0 and has no percentiles.
     */
    private static String cellSql(String key) {
        String keys = key.equals("hour") ? "select generate_series(0, 23) as key"
                : "select distinct bucket as key from cells";
        return BASE + """
                , cells as (
                    select u.day, u.completed_items, u.seconds, u.speed,
                           case when u.completed_items = 0 then 0 else length(u.completed_items::text) end as bucket,
                           extract(hour from u.started_at at time zone a.zone)::int as hour
                    from used u cross join args a
                ),
                keys as (%s),
                grid as (select p.period_start, p.period_end, p.partial, k.key from periods p cross join keys k)
                select g.period_start, g.period_end, g.key as hour, g.partial,
                       case when g.key = 0 then 0 else ('1' || repeat('0', g.key - 1))::numeric end as min_items,
                       case when g.key = 0 then 0 else ('1' || repeat('0', g.key))::numeric - 1 end as max_items,
                       count(c.day) as transfers, coalesce(sum(c.completed_items), 0) as items,
                       coalesce(sum(c.seconds), 0) as seconds,
                       sum(c.completed_items) / nullif(sum(c.seconds), 0) as items_per_second,
                       percentile_disc(0.1) within group (order by c.seconds) as p10_seconds,
                       percentile_disc(0.5) within group (order by c.seconds) as p50_seconds,
                       percentile_disc(0.9) within group (order by c.seconds) as p90_seconds,
                       max(c.seconds) as max_seconds, min(c.seconds) as min_seconds,
                       percentile_disc(0.1) within group (order by c.speed) as p10_speed,
                       percentile_disc(0.5) within group (order by c.speed) as p50_speed,
                       percentile_disc(0.9) within group (order by c.speed) as p90_speed,
                       max(c.speed) as max_speed, min(c.speed) as min_speed
                from grid g
                left join cells c on c.%s = g.key and c.day >= g.period_start and c.day < g.period_end
                group by g.period_start, g.period_end, g.key, g.partial
                order by 1, 3
                """.formatted(keys, key);
    }

    /**
     * transfer_eta.csv: used transfers over the whole range (one period from its start to its last period's end)
     * by size bucket and hour of start; every hour of each bucket that has transfers in the range.
     */
    private static String etaSql() {
        return BASE + """
                , cells as (
                    select u.day, u.completed_items, u.seconds, u.speed,
                           case when u.completed_items = 0 then 0 else length(u.completed_items::text) end as bucket,
                           extract(hour from u.started_at at time zone a.zone)::int as hour
                    from used u cross join args a
                ),
                whole as (select min(period_start) as period_start, max(period_end) as period_end from periods),
                grid as (
                    select w.period_start, w.period_end, b.bucket, h.hour
                    from whole w cross join (select distinct bucket from cells) b
                    cross join generate_series(0, 23) h(hour)
                )
                select g.period_start, g.period_end, g.hour,
                       case when g.bucket = 0 then 0 else ('1' || repeat('0', g.bucket - 1))::numeric end as min_items,
                       case when g.bucket = 0 then 0 else ('1' || repeat('0', g.bucket))::numeric - 1 end as max_items,
                       count(c.day) as transfers, coalesce(sum(c.completed_items), 0) as items,
                       coalesce(sum(c.seconds), 0) as seconds,
                       sum(c.completed_items) / nullif(sum(c.seconds), 0) as items_per_second,
                       percentile_disc(0.1) within group (order by c.seconds) as p10_seconds,
                       percentile_disc(0.5) within group (order by c.seconds) as p50_seconds,
                       percentile_disc(0.9) within group (order by c.seconds) as p90_seconds,
                       max(c.seconds) as max_seconds, min(c.seconds) as min_seconds,
                       percentile_disc(0.1) within group (order by c.speed) as p10_speed,
                       percentile_disc(0.5) within group (order by c.speed) as p50_speed,
                       percentile_disc(0.9) within group (order by c.speed) as p90_speed,
                       max(c.speed) as max_speed, min(c.speed) as min_speed, false as partial
                from grid g
                left join cells c on c.bucket = g.bucket and c.hour = g.hour
                group by g.period_start, g.period_end, g.bucket, g.hour
                order by g.bucket, g.hour
                """;
    }

    private static String rejectSql() {
        return BASE + """
                select c.id, c.day, c.outcome as reason, c.started_at, c.finished_at, c.completed_items,
                       c.total_items
                from classified c
                where c.outcome <> 'untimed'
                order by c.day, c.id
                """;
    }

    private static String daySql() {
        return BASE + """
                select p.day, count(*) as read, count(*) filter (where c.id is not null and c.outcome is null) as used,
                       count(*) filter (where c.outcome <> 'untimed') as rejected,
                       count(*) filter (where c.outcome = 'untimed') as untimed,
                       count(*) filter (where not p.completed or p.completed is null) as other_statuses
                from placed p left join classified c on c.id = p.id
                group by p.day
                order by p.day
                """;
    }
}
