package io.progressreports.transfer;

import io.progressreports.TestDatabase;
import io.progressreports.cli.ProgressReportsCommand;
import io.progressreports.report.Manifest;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.progressreports.OracleChecks.assertNoProblems;
import static io.progressreports.OracleChecks.check;
import static io.progressreports.OracleChecks.compareRows;
import static io.progressreports.OracleChecks.readCsv;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * step_outcomes.csv (issue 18 point 5) run through the command line against SQL over a source shaped unlike the
 * demo's: tables of other names in a schema of their own, naive timestamps, status words of its own ({@code Done},
 * {@code ok} mean completed; {@code cancelled}, {@code skipped}, {@code queued} and NULL besides), steps with no
 * timing row, deployments across midnight and steps created at the same instant (ordered by id).
 */
class DeploymentStepsFunctionalTest {

    private static final Instant AS_OF = Instant.parse("2026-11-15T06:00:00Z");
    private static final LocalDate FROM = LocalDate.parse("2026-11-01");
    private static final LocalDate TO = LocalDate.parse("2026-11-14");

    private static String sourceUrl;
    private static JdbcTemplate source;

    @TempDir
    static Path work;

    static final String DATA = """
            set time zone 'UTC';
            create schema ops;
            create table ops.step_runs (
                id bigint primary key,
                deployment_id bigint not null,
                step text not null,
                status text,
                total_items bigint,
                completed_items bigint,
                created_at timestamp not null,
                updated_at timestamp not null);
            create table ops.step_clock (
                id bigint generated always as identity primary key,
                deployment_step_id bigint unique not null,
                started_at timestamp,
                finished_at timestamp);
            create index on ops.step_clock (finished_at);
            create index on ops.step_runs (updated_at);

            select setseed(0.18);

            -- Deployments start at any time of 16 days (some late in the evening, so they run past midnight).
            create temp table deployment as
            select n as id, timestamp '2026-10-31 00:00' + make_interval(secs => floor(random() * 16 * 86400)) as t0,
                   random() < 0.5 as created_together
            from generate_series(1, 900) n;

            create temp table planned as
            select d.id as deployment_id, d.t0, d.created_together, k.ord, k.step,
                   round((case k.step when 'fetch' then 2 + random() * 30 when 'transfer_files' then 5 + random() ^ 2 * 5400
                         when 'build' then 60 + random() * 1200 else 1 + random() * 40 end)::numeric, 6) as seconds,
                   random() as r_status, random() as r_timing
            from deployment d
            cross join (values (1, 'fetch'), (2, 'transfer_files'), (3, 'build'), (4, 'deploy'), (5, 'deploy'))
                k(ord, step)
            where k.ord < 5 or d.id % 5 = 0;

            create temp table timed as
            select p.*, p.t0 + make_interval(secs => coalesce(sum(p.seconds) over w, 0)::float8) as started,
                   case when p.r_status < 0.04 then 'failed' when p.r_status < 0.06 then 'cancelled'
                        when p.r_status < 0.08 then 'skipped' when p.r_status < 0.09 then 'running'
                        when p.r_status < 0.095 then 'queued' when p.r_status < 0.1 then null
                        when p.r_status < 0.55 then 'Done' else 'ok' end as status
            from planned p
            window w as (partition by p.deployment_id order by p.ord rows between unbounded preceding and 1 preceding);

            -- Step ids are not in the steps' order: created_at orders them, and the id only among equal created_at.
            create temp table numbered as
            select t.*, row_number() over (order by t.deployment_id, case when t.created_together then t.ord
                                                                          else 6 - t.ord end) as id
            from timed t;

            insert into ops.step_runs
            select n.id, n.deployment_id, n.step, n.status, case when n.step = 'transfer_files' then 1000 end,
                   case when n.step = 'transfer_files' then 900 end,
                   case when n.created_together then n.t0 else n.started end,
                   n.started + make_interval(secs => n.seconds::float8 + 1)
            from numbered n;

            -- Skipped and queued steps never ran: no timing row; nor has one step in 40 (predating the timings);
            -- running ones have no finish; one in 50 has a finish before its start.
            insert into ops.step_clock (deployment_step_id, started_at, finished_at)
            select n.id, n.started,
                   case when n.status = 'running' then null
                        when n.r_timing < 0.02 then n.started - interval '1 second'
                        else n.started + make_interval(secs => n.seconds::float8) end
            from numbered n
            where coalesce(n.status, '') not in ('skipped', 'queued') and n.r_timing < 0.975
            order by n.id;
            analyze;
            """;

    @BeforeAll
    static void createSource() throws IOException {
        sourceUrl = TestDatabase.newDatabaseUrl();
        source = TestDatabase.jdbc(sourceUrl);
        source.execute(DATA);
        Files.createDirectories(work.resolve("jobs"));
        Files.writeString(work.resolve("jobs/deployments.yml"), """
                kind: transfer-speed
                steps-table: ops.step_runs
                timings-table: ops.step_clock
                statuses: [done, OK]
                grace: 1d
                partition-days: 5
                """);
    }

    private static Path run(String zone, String grain) throws IOException {
        Path out = work.resolve("out-" + zone.replace('/', '-') + "-" + grain);
        assertThat(ProgressReportsCommand.execute(new String[] {"run", "deployments", "--jobs-dir",
                work.resolve("jobs").toString(), "--source-url", sourceUrl, "--store-url",
                TestDatabase.newStoreUrl(), "--out", out.toString(), "--from", FROM.toString(), "--to",
                TO.toString(), "--as-of", AS_OF.toString(), "--zone", zone, "--grain", grain, "--threads", "2",
                "--latest"})).isZero();
        return out.resolve("deployments/latest").toRealPath();
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTC day", "America/New_York week"})
    void stepOutcomesAgreeWithSql(String zoneAndGrain) throws IOException {
        String zone = zoneAndGrain.split(" ")[0];
        String grain = zoneAndGrain.split(" ")[1];
        Path report = run(zone, grain);
        var problems = new ArrayList<String>();
        List<CSVRecord> csv = readCsv(report.resolve("step_outcomes.csv"), List.of("period_start", "period_end",
                "step", "steps", "completed", "failed", "canceled", "running", "other", "failure_rate",
                "abort_rate", "partial"));
        Map<String, Map<String, Object>> expected = new LinkedHashMap<>();
        source.queryForList(PERIODS + OUTCOMES, FROM, TO, AS_OF.atOffset(ZoneOffset.UTC), zone, grain)
                .forEach(row -> expected.put(row.get("period_start") + " " + row.get("step"), row));
        assertThat(expected).isNotEmpty();
        compareRows("step_outcomes.csv", csv, row -> row.get("period_start") + " " + row.get("step"), expected,
                problems, (key, row, sql) -> {
                    for (String count : List.of("period_end", "steps", "completed", "failed", "canceled", "running",
                            "other", "partial")) {
                        check(problems, key + " " + count, row.get(count), String.valueOf(sql.get(count)));
                    }
                    check(problems, key + " failure_rate", row.get("failure_rate"), rate(sql.get("failure_rate")));
                    check(problems, key + " abort_rate", row.get("abort_rate"), rate(sql.get("abort_rate")));
                });
        assertNoProblems(zoneAndGrain, problems);
    }

    /**
     * deployment_remaining.csv: counts exact, percentiles within 1% of percentile_disc (a step with nothing after
     * it has a rest of exactly 0).
     */
    @ParameterizedTest
    @ValueSource(strings = {"UTC day", "America/New_York week"})
    void restOfDeploymentAgreesWithSql(String zoneAndGrain) throws IOException {
        String zone = zoneAndGrain.split(" ")[0];
        Path report = run(zone, zoneAndGrain.split(" ")[1]);
        var problems = new ArrayList<String>();
        List<CSVRecord> csv = readCsv(report.resolve("deployment_remaining.csv"), List.of("step", "deployments",
                "steps", "p50_seconds", "p90_seconds", "p50_remaining_seconds", "p90_remaining_seconds"));
        Map<String, Map<String, Object>> expected = new LinkedHashMap<>();
        source.queryForList(PERIODS + REST, FROM, TO, AS_OF.atOffset(ZoneOffset.UTC), zone, "day")
                .forEach(row -> expected.put((String) row.get("step"), row));
        assertThat(expected).containsKeys("fetch", "transfer_files", "build", "deploy");
        compareRows("deployment_remaining.csv", csv, row -> row.get("step"), expected, problems, (key, row, sql) -> {
            check(problems, key + " deployments", row.get("deployments"), String.valueOf(sql.get("deployments")));
            check(problems, key + " steps", row.get("steps"), String.valueOf(sql.get("steps")));
            for (String p : List.of("p50_seconds", "p90_seconds", "p50_remaining_seconds", "p90_remaining_seconds")) {
                BigDecimal actual = new BigDecimal(row.get(p));
                BigDecimal exact = new BigDecimal(String.valueOf(sql.get(p)));
                if (actual.subtract(exact).abs().compareTo(exact.abs().multiply(new BigDecimal("0.01"))) > 0) {
                    problems.add(key + " " + p + ": job " + actual + ", SQL " + exact + " (more than 1% apart)");
                }
            }
        });
        // eta_model.json's steps section is the same figures, for a server.
        @SuppressWarnings("unchecked")
        var modelSteps = (List<Map<String, Object>>) Manifest.read(report.resolve("eta_model.json")).get("steps");
        check(problems, "eta_model.json steps", (long) modelSteps.size(), (long) csv.size());
        for (int i = 0; i < Math.min(modelSteps.size(), csv.size()); i++) {
            for (String field : List.of("step", "deployments", "p50_seconds", "p90_seconds", "p50_remaining_seconds",
                    "p90_remaining_seconds")) {
                String value = String.valueOf(modelSteps.get(i).get(field));
                String inCsv = csv.get(i).get(field);
                if (!value.equals(inCsv) && !(value.matches("[0-9.]+")
                        && new BigDecimal(value).compareTo(new BigDecimal(inCsv)) == 0)) {
                    problems.add("eta_model.json steps[" + i + "]." + field + ": " + value + ", csv " + inCsv);
                }
            }
        }
        var left = source.queryForMap(PERIODS + LEFT_OUT, FROM, TO, AS_OF.atOffset(ZoneOffset.UTC), zone, "day");
        // The awkward cases are there: deployments left out for either reason, counted ones across midnight and
        // with steps created at one instant.
        assertThat(left).allSatisfy((name, count) -> assertThat(((Number) count).longValue()).as(name)
                .isGreaterThan(5));
        Map<String, Object> manifest = Manifest.read(report.resolve(Manifest.FILE));
        @SuppressWarnings("unchecked")
        var deployments = (Map<String, Object>) manifest.get("deployments");
        check(problems, "deployments counted", String.valueOf(deployments.get("counted")),
                String.valueOf(left.get("counted")));
        @SuppressWarnings("unchecked")
        var leftOut = (Map<String, Object>) deployments.get("left_out");
        check(problems, "deployments ended otherwise", String.valueOf(leftOut.getOrDefault("ended_otherwise", 0)),
                String.valueOf(left.get("ended_otherwise")));
        check(problems, "deployments with untimed steps", String.valueOf(leftOut.getOrDefault("untimed_steps", 0)),
                String.valueOf(left.get("untimed_steps")));
        assertNoProblems(zoneAndGrain, problems);
    }

    private static String rate(Object value) {
        return value == null ? "" : ((BigDecimal) value).setScale(4, RoundingMode.HALF_UP).toPlainString();
    }

    // ---------------------------------------------------------------------------------------------------------
    // The oracle, from the README: a step belongs to the day (in the report zone) of its finish, or of its update
    // when it has no timing row or no finish, if that time is <= as-of; naive times are UTC wall times.

    private static final String PERIODS = """
            with args as (
                select cast(? as date) as d_from, cast(? as date) as d_to, cast(? as timestamptz) as as_of,
                       cast(? as text) as zone, cast(? as text) as grain
            ),
            periods as (
                select greatest(g::date, a.d_from) as period_start,
                       least((g + ('1 ' || a.grain)::interval)::date, a.d_to + 1) as period_end,
                       g::date < a.d_from or (g + ('1 ' || a.grain)::interval)::date > a.d_to + 1 as partial
                from args a
                cross join generate_series(date_trunc(a.grain, a.d_from::timestamp), a.d_to::timestamp,
                                           ('1 ' || a.grain)::interval) g
                where greatest(g::date, a.d_from)::timestamp at time zone a.zone <= a.as_of
            ),
            steps as (
                select s.id, s.deployment_id, s.step, s.status, s.created_at at time zone 'UTC' as created_at,
                       t.deployment_step_id is not null as timed, t.started_at at time zone 'UTC' as started_at,
                       t.finished_at at time zone 'UTC' as finished_at, s.updated_at at time zone 'UTC' as updated_at
                from ops.step_runs s left join ops.step_clock t on t.deployment_step_id = s.id
            )
            """;

    /**
     * A deployment counts on the day of its last finish when every timed step has finished by as-of; it is left out
     * when a step failed, was canceled or is running (ended otherwise), or else when a step that ran (timing row, or
     * a completed status) has no positive duration (untimed steps). Untimed steps of other statuses did not run.
     */
    private static final String DEPLOYMENTS = """
            , deployments as (
                select s.deployment_id, max(s.finished_at) as last_finish, min(s.started_at) as first_start,
                       count(distinct s.created_at) < count(*) as tied,
                       bool_and(not s.timed or s.finished_at is not null) as finished,
                       bool_or(lower(coalesce(s.status, '')) in ('failed', 'canceled', 'cancelled', 'running'))
                           as ended_otherwise,
                       bool_or((s.timed or lower(s.status) in ('done', 'ok'))
                               and not coalesce(s.finished_at > s.started_at, false)) as untimed_steps
                from steps s group by s.deployment_id
            ),
            ended as (
                select d.* from deployments d cross join args a
                where d.finished and d.last_finish <= a.as_of
                  and (d.last_finish at time zone a.zone)::date between a.d_from and a.d_to
            )
            """;

    private static final String LEFT_OUT = DEPLOYMENTS + """
            select count(*) filter (where not ended_otherwise and not untimed_steps) as counted,
                   count(*) filter (where not ended_otherwise and not untimed_steps and (first_start at time zone
                       (select zone from args))::date < (last_finish at time zone (select zone from args))::date)
                       as across_midnight,
                   count(*) filter (where not ended_otherwise and not untimed_steps and tied) as tied,
                   count(*) filter (where ended_otherwise) as ended_otherwise,
                   count(*) filter (where untimed_steps and not ended_otherwise) as untimed_steps
            from ended
            """;

    private static final String REST = DEPLOYMENTS + """
            , ran as (
                select s.deployment_id, s.step, extract(epoch from s.finished_at - s.started_at) as seconds,
                       coalesce(sum(extract(epoch from s.finished_at - s.started_at)) over (
                           partition by s.deployment_id order by s.created_at, s.id
                           rows between 1 following and unbounded following), 0) as remaining
                from steps s join ended e using (deployment_id)
                where not e.ended_otherwise and not e.untimed_steps and (s.timed or lower(s.status) in ('done', 'ok'))
            )
            select step, count(distinct deployment_id) as deployments, count(*) as steps,
                   percentile_disc(0.5) within group (order by seconds) as p50_seconds,
                   percentile_disc(0.9) within group (order by seconds) as p90_seconds,
                   percentile_disc(0.5) within group (order by remaining) as p50_remaining_seconds,
                   percentile_disc(0.9) within group (order by remaining) as p90_remaining_seconds
            from ran group by step order by step
            """;

    private static final String OUTCOMES = """
            , placed as (
                select s.step, lower(coalesce(s.status, '(null)')) as word,
                       (coalesce(s.finished_at, s.updated_at) at time zone a.zone)::date as day
                from steps s cross join args a
                where coalesce(s.finished_at, s.updated_at) <= a.as_of
            ),
            counted as (
                select p.period_start, p.period_end, x.step, count(*) as steps,
                       count(*) filter (where x.word in ('done', 'ok')) as completed,
                       count(*) filter (where x.word = 'failed') as failed,
                       count(*) filter (where x.word in ('canceled', 'cancelled')) as canceled,
                       count(*) filter (where x.word = 'running') as running,
                       count(*) filter (where x.word not in ('done', 'ok', 'failed', 'canceled', 'cancelled',
                                                             'running')) as other
                from periods p join placed x on x.day >= p.period_start and x.day < p.period_end
                group by 1, 2, 3
            ),
            kinds as (select distinct step from counted)
            select p.period_start, p.period_end, p.partial, k.step, coalesce(c.steps, 0) as steps,
                   coalesce(c.completed, 0) as completed, coalesce(c.failed, 0) as failed,
                   coalesce(c.canceled, 0) as canceled, coalesce(c.running, 0) as running,
                   coalesce(c.other, 0) as other,
                   c.failed::numeric / nullif(c.completed + c.failed, 0) as failure_rate,
                   c.canceled::numeric / nullif(c.completed + c.failed + c.canceled, 0) as abort_rate
            from periods p cross join kinds k
            left join counted c on c.period_start = p.period_start and c.step = k.step
            order by 1, 4
            """;
}
