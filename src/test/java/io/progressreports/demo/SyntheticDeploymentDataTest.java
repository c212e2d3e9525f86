package io.progressreports.demo;

import io.progressreports.SqlFigures;
import io.progressreports.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SyntheticDeploymentDataTest {

    /** A midnight, so that the last deployments of the day before may still be running. */
    private static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");
    private static final SyntheticDeploymentData.Settings SETTINGS =
            new SyntheticDeploymentData.Settings(300, 60, 7, NOW).withSlowDays(2);
    /** 60 days from 2026-09-02; the cut-over is 60 / 5 = 12 days in. */
    private static final String CUT_OVER = "timestamptz '2026-09-14 00:00Z'";
    private static final String TIMED_TRANSFERS = " from deployment_steps s"
            + " join deployment_step_timings t on t.deployment_step_id = s.id"
            + " where s.step = 'transfer_files' and s.status = 'completed'";
    /** Timed, completed transfers none of the job's rules rejects. */
    private static final String GOOD_TRANSFERS = TIMED_TRANSFERS
            + " and t.finished_at > t.started_at and s.completed_items between 0 and s.total_items";
    private static final String SPEED = "s.completed_items / extract(epoch from t.finished_at - t.started_at)";

    private static SqlFigures figures;
    private static long steps;

    @BeforeAll
    static void generate() {
        DataSource source = TestDatabase.newEmptySource();
        steps = SyntheticDeploymentData.generate(source, SETTINGS);
        figures = SqlFigures.on(source);
    }


    @Test
    void deploymentsHappenOnTheSixtyDaysBeforeNowInIdOrder() {
        assertThat(figures.count("select count(*) from deployments")).isEqualTo(300 * 60);
        assertThat(figures.count("select count(*) from deployment_steps")).isEqualTo(steps);
        assertThat(figures.count("""
                select count(*) from deployments
                where created_at < timestamptz '2026-09-02 00:00Z' or created_at >= timestamptz '2026-11-01 00:00Z'
                """)).isZero();
        assertThat(figures.count("select count(distinct (created_at at time zone 'UTC')::date) from deployments"))
                .isEqualTo(60);
        assertThat(figures.count("""
                select count(*) from (select created_at < lag(created_at) over (order by id) as earlier
                                      from deployments) d
                where earlier""")).isZero();
        Map<String, Object> perDay = figures.row("""
                select avg(n) filter (where extract(isodow from day) < 6) as weekday,
                       avg(n) filter (where extract(isodow from day) >= 6) as weekend
                from (select (created_at at time zone 'UTC')::date as day, count(*) as n
                      from deployments group by 1) days""");
        assertThat(SqlFigures.number(perDay, "weekday")).isGreaterThan(2.3 * SqlFigures.number(perDay, "weekend"));
    }

    @Test
    void everyDeploymentHasItsStepsInOrderWithConsecutiveIds() {
        assertThat(figures.jdbc().sql("""
                select distinct steps from (select string_agg(step, ',' order by id) as steps
                                            from deployment_steps group by deployment_id) d""")
                .query(String.class).set()).containsExactlyInAnyOrder(
                "preparing,building,transfer_files,finishing",
                "preparing,building,transfer_files,running_migrations,finishing");
        assertThat(figures.count("select count(distinct deployment_id) from deployment_steps")).isEqualTo(300 * 60);
        assertThat(figures.count("""
                select count(*) from (select id, lag(id) over (order by id) as previous_id, deployment_id,
                                             lag(deployment_id) over (order by id) as previous_deployment
                                      from deployment_steps) s
                where id <> coalesce(previous_id, 0) + 1 or deployment_id < previous_deployment""")).isZero();
        double withMigrations = figures.count("select count(*) from deployment_steps where step = 'running_migrations'")
                / (300.0 * 60);
        assertThat(withMigrations).isBetween(0.12, 0.18);
        // Steps are created with their deployment, so created_at says nothing about when a step ran.
        assertThat(figures.count("""
                select count(*) from deployment_steps s join deployments d on d.id = s.deployment_id
                where s.created_at <> d.created_at""")).isZero();
    }

    @Test
    void eachStepStartsTheMicrosecondThePreviousOneFinishes() {
        Map<String, Object> pairs = figures.row("""
                select count(*) filter (where started_at = previous_finished_at) as joined,
                       count(*) filter (where started_at <> previous_finished_at) as apart
                from (select t.started_at, t.finished_at > t.started_at as sound,
                             lag(t.finished_at) over w as previous_finished_at,
                             lag(t.finished_at > t.started_at) over w as previous_sound
                      from deployment_steps s join deployment_step_timings t on t.deployment_step_id = s.id
                      window w as (partition by s.deployment_id order by s.id)) p
                where sound and previous_sound""");
        assertThat(SqlFigures.number(pairs, "apart")).isZero();
        assertThat(SqlFigures.number(pairs, "joined")).isGreaterThan(35_000);
        // A deployment waits in a queue before its first step.
        assertThat(figures.count("""
                select count(*) from deployment_steps s join deployment_step_timings t on t.deployment_step_id = s.id
                join deployments d on d.id = s.deployment_id
                where s.step = 'preparing' and t.started_at <= d.created_at""")).isZero();
        assertThat(figures.count("""
                select count(*) from deployment_step_timings
                where started_at <> date_trunc('milliseconds', started_at)""")).as("microsecond precision")
                .isGreaterThan(10_000);
    }

    @Test
    void durationsRunFromSecondsToMinutesWithBuildingLongest() {
        Map<String, Double> medians = figures.jdbc().sql("""
                select s.step, percentile_cont(0.5) within group
                           (order by extract(epoch from t.finished_at - t.started_at)) as median
                from deployment_steps s join deployment_step_timings t on t.deployment_step_id = s.id
                where s.status = 'completed' and t.finished_at > t.started_at
                group by s.step""")
                .query((rs, n) -> Map.entry(rs.getString("step"), rs.getDouble("median"))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(medians.get("preparing")).isBetween(2.0, 5.0);
        assertThat(medians.get("building")).isBetween(60.0, 130.0);
        assertThat(medians.get("transfer_files")).isBetween(2.0, 15.0);
        assertThat(medians.get("running_migrations")).isBetween(10.0, 40.0);
        assertThat(medians.get("finishing")).isBetween(2.0, 8.0);
        Map<String, Object> building = figures.row("""
                select percentile_cont(0.5) within group (order by seconds) as median,
                       percentile_cont(0.99) within group (order by seconds) as p99
                from (select extract(epoch from t.finished_at - t.started_at) as seconds
                      from deployment_steps s join deployment_step_timings t on t.deployment_step_id = s.id
                      where s.step = 'building' and s.status = 'completed') b""");
        assertThat(SqlFigures.number(building, "p99")).as("heavy tail").isGreaterThan(5 * SqlFigures.number(building, "median"));
    }

    @Test
    void transfersMoveAFewToTensOfThousandsOfItemsAndOtherStepsFewOrNone() {
        Map<String, Object> items = figures.row("""
                select min(total_items) as least, max(total_items) as most,
                       percentile_cont(0.5) within group (order by total_items) as median
                from deployment_steps where step = 'transfer_files'""");
        assertThat(SqlFigures.number(items, "least")).isLessThanOrEqualTo(5);
        assertThat(SqlFigures.number(items, "most")).isGreaterThanOrEqualTo(20_000);
        assertThat(SqlFigures.number(items, "median")).isBetween(400.0, 900.0);
        assertThat(figures.count("""
                select count(*) from deployment_steps
                where step in ('preparing', 'building', 'finishing')
                  and (total_items is not null or completed_items is not null)""")).isZero();
        assertThat(figures.count("""
                select count(*) from deployment_steps
                where step = 'running_migrations' and status = 'completed'
                  and (total_items not between 1 and 6 or completed_items <> total_items)""")).isZero();
        // Untimed transfers are never bad rows: their items always add up.
        assertThat(figures.count("""
                select count(*) from deployment_steps s
                where s.step = 'transfer_files' and s.status = 'completed'
                  and not exists (select 1 from deployment_step_timings t where t.deployment_step_id = s.id)
                  and completed_items is distinct from total_items""")).isZero();
    }

    @Test
    void aFewDeploymentsFailAndSkipTheirLaterSteps() {
        assertThat(figures.jdbc().sql("select distinct status from deployment_steps").query(String.class).set())
                .isSubsetOf("completed", "failed", "skipped", "running", "pending")
                .contains("completed", "failed", "skipped");
        double failed = figures.count("select count(*) from deployments where status = 'failed'") / (300.0 * 60);
        assertThat(failed).isBetween(0.012, 0.03);
        assertThat(figures.count("""
                select count(*) from deployments d
                join (select deployment_id, count(*) filter (where status = 'failed') as failed_steps
                      from deployment_steps group by deployment_id) s on s.deployment_id = d.id
                where (d.status = 'failed') <> (s.failed_steps = 1) or s.failed_steps > 1""")).isZero();
        assertThat(figures.count("""
                select count(*) from deployment_steps f join deployment_steps s on s.deployment_id = f.deployment_id
                where f.status = 'failed'
                  and (s.id > f.id and s.status <> 'skipped' or s.id < f.id and s.status <> 'completed')""")).isZero();
        assertThat(figures.count("""
                select count(*) from deployment_steps s join deployment_step_timings t on t.deployment_step_id = s.id
                where s.status = 'skipped'""")).isZero();
        // Finalise marks the steps after a failure skipped when it saves the deployment.
        assertThat(figures.count("""
                select count(*) from deployment_steps s join deployments d on d.id = s.deployment_id
                where s.status = 'skipped' and s.updated_at <> d.updated_at""")).isZero();
        assertThat(figures.count("""
                select count(*) from deployment_steps
                where status = 'failed' and step = 'transfer_files'
                  and not completed_items between 0 and total_items""")).isZero();
    }

    @Test
    void onlyDeploymentsFromTheCutOverHaveTimings() {
        assertThat(figures.count("""
                select count(*) from deployment_step_timings t join deployment_steps s on s.id = t.deployment_step_id
                join deployments d on d.id = s.deployment_id
                where d.created_at < """ + CUT_OVER)).isZero();
        assertThat(figures.count("""
                select count(*) from deployment_steps s join deployments d on d.id = s.deployment_id
                where d.created_at >= """ + CUT_OVER + """
                   and s.status in ('completed', 'failed', 'running')
                   and not exists (select 1 from deployment_step_timings t where t.deployment_step_id = s.id)
                """)).isZero();
        assertThat(figures.count("""
                select count(*) from deployment_steps s
                where s.step = 'transfer_files' and s.status = 'completed'
                  and not exists (select 1 from deployment_step_timings t where t.deployment_step_id = s.id)"""))
                .as("untimed transfers").isBetween(2_000L, 5_000L);
        assertThat(figures.count("select min(id) from deployment_step_timings")).isEqualTo(1);
        assertThat(figures.count("""
                select count(*) from (select deployment_step_id < lag(deployment_step_id) over (order by id) as earlier
                                      from deployment_step_timings) t
                where earlier""")).isZero();
    }

    @Test
    void everyKindOfBadTransferIsPresentAtAboutItsShare() {
        // The job's rules in its order: the first that fails names the row, so each kind must break only its own.
        Map<String, Long> kinds = figures.jdbc().sql("""
                select case when t.finished_at is null then 'finished_at_missing'
                            when t.started_at is null then 'started_at_missing'
                            when t.finished_at = t.started_at then 'zero_duration'
                            when t.finished_at < t.started_at then 'negative_duration'
                            when s.completed_items is null then 'completed_items_missing'
                            when s.completed_items < 0 then 'completed_items_negative'
                            when s.completed_items > s.total_items then 'completed_items_over_total'
                            else 'good' end as kind,
                       count(*) as transfers,
                       count(*) filter (where (t.finished_at is null)::int + (t.started_at is null)::int
                                              + coalesce(t.finished_at <= t.started_at, false)::int
                                              + (s.completed_items is null)::int
                                              + coalesce(s.completed_items not between 0 and s.total_items, false)::int
                                              > 1) as with_two_faults
                """ + TIMED_TRANSFERS + " group by 1")
                .query((rs, n) -> {
                    assertThat(rs.getLong("with_two_faults")).isZero();
                    return Map.entry(rs.getString("kind"), rs.getLong("transfers"));
                }).list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(kinds).containsOnlyKeys("good", "finished_at_missing", "started_at_missing", "zero_duration",
                "negative_duration", "completed_items_missing", "completed_items_negative",
                "completed_items_over_total");
        long all = kinds.values().stream().mapToLong(Long::longValue).sum();
        assertThat((all - kinds.get("good")) / (double) all).isBetween(0.003, 0.0075);
        // Steps other than transfers are never bad rows.
        assertThat(figures.count("""
                select count(*) from deployment_steps s join deployment_step_timings t on t.deployment_step_id = s.id
                where s.step <> 'transfer_files' and s.status in ('completed', 'failed')
                  and coalesce(t.finished_at <= t.started_at, true)""")).isZero();
    }

    @Test
    void oneGoodTransferFinishesExactlyAtMidnightAndTheNextStepStartsThen() {
        assertThat(figures.count("select count(*)" + GOOD_TRANSFERS
                + " and t.finished_at = timestamptz '2026-10-31 00:00Z'")).isEqualTo(1);
        assertThat(figures.count("""
                select count(*) from deployment_steps s join deployment_step_timings t on t.deployment_step_id = s.id
                join deployment_steps transfer on transfer.id = s.id - 1 and transfer.step = 'transfer_files'
                where t.started_at = timestamptz '2026-10-31 00:00Z'""")).isEqualTo(1);
    }

    @Test
    void transfersAreSlowerAtPeakHoursAndFasterLater() {
        double peak = figures.decimal("select avg(" + SPEED + ")" + GOOD_TRANSFERS
                + " and extract(hour from t.started_at at time zone 'UTC') between 13 and 15");
        double night = figures.decimal("select avg(" + SPEED + ")" + GOOD_TRANSFERS
                + " and extract(hour from t.started_at at time zone 'UTC') between 1 and 3");
        assertThat(peak / night).isBetween(0.6, 0.8);
        // Two spans of two whole weeks each, so the same weekdays and hours: only the drift tells them apart. The
        // late one ends before the planted slowdown of the last two days.
        double early = figures.decimal("select avg(" + SPEED + ")" + GOOD_TRANSFERS
                + " and t.started_at < timestamptz '2026-09-28 00:00Z'");
        double late = figures.decimal("select avg(" + SPEED + ")" + GOOD_TRANSFERS
                + " and t.started_at >= timestamptz '2026-10-16 00:00Z'"
                + " and t.started_at < timestamptz '2026-10-30 00:00Z'");
        assertThat(late / early).isBetween(1.05, 1.16);
        Map<String, Object> spread = figures.row("select percentile_cont(0.1) within group (order by " + SPEED + ") as p10,"
                + " percentile_cont(0.9) within group (order by " + SPEED + ") as p90" + GOOD_TRANSFERS);
        assertThat(SqlFigures.number(spread, "p90")).as("per-deployment noise").isGreaterThan(2 * SqlFigures.number(spread, "p10"));
    }

    @Test
    void transfersOfTheLastTwoDaysAreSlower() {
        // Two days against the two before them (a Friday and Saturday against a Wednesday and Thursday): speeds do not
        // depend on the weekday.
        double before = figures.decimal("select percentile_cont(0.5) within group (order by " + SPEED + ")"
                + GOOD_TRANSFERS + " and t.started_at >= timestamptz '2026-10-28 00:00Z'"
                + " and t.started_at < timestamptz '2026-10-30 00:00Z'");
        double last = figures.decimal("select percentile_cont(0.5) within group (order by " + SPEED + ")"
                + GOOD_TRANSFERS + " and t.started_at >= timestamptz '2026-10-30 00:00Z'");
        assertThat(last / before).isBetween(0.5, 0.7);
    }

    @Test
    void updatedAtIsAFewSecondsAfterTheFinishAndNeverAfterNow() {
        Map<String, Object> lag = figures.row("""
                select min(extract(epoch from s.updated_at - t.finished_at)) as least,
                       max(extract(epoch from s.updated_at - t.finished_at)) as most
                from deployment_steps s join deployment_step_timings t on t.deployment_step_id = s.id
                where s.status in ('completed', 'failed') and t.finished_at > t.started_at
                  and t.finished_at < timestamptz '2026-10-31 23:59:50Z'""");
        assertThat(SqlFigures.number(lag, "least")).isGreaterThanOrEqualTo(1);
        assertThat(SqlFigures.number(lag, "most")).isLessThanOrEqualTo(5);
        assertThat(figures.count("""
                select count(*) from deployments d
                join (select deployment_id, max(updated_at) as updated_at
                      from deployment_steps group by deployment_id) s on s.deployment_id = d.id
                where d.updated_at < s.updated_at""")).isZero();
        assertThat(figures.jdbc().sql("""
                select greatest((select max(updated_at) from deployments),
                                (select max(updated_at) from deployment_steps),
                                (select max(started_at) from deployment_step_timings),
                                (select max(finished_at) from deployment_step_timings)) <= :now""")
                .param("now", OffsetDateTime.ofInstant(NOW, ZoneOffset.UTC)).query(Boolean.class).single())
                .isTrue();
    }

    @Test
    void stepsUnderWayAtNowAreRunningOrPending() {
        // Two busy weekdays before a midnight "now": the last minutes' deployments are still going.
        DataSource busy = TestDatabase.newEmptySource();
        Instant now = Instant.parse("2026-11-04T00:00:00Z");
        SyntheticDeploymentData.generate(busy, new SyntheticDeploymentData.Settings(20_000, 2, 7, now));
        JdbcClient client = JdbcClient.create(busy);
        Map<String, Long> statuses = client.sql("select status, count(*) from deployment_steps group by status")
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(statuses).containsKeys("running", "pending");
        assertThat(client.sql("""
                select count(*) from deployment_steps s join deployment_step_timings t on t.deployment_step_id = s.id
                where s.status = 'running' and t.finished_at is null and t.started_at <= :now
                  and s.updated_at = s.created_at""")
                .param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC)).query(Long.class).single())
                .isEqualTo(statuses.get("running"));
        assertThat(client.sql("""
                select count(*) from deployment_steps s
                where s.status = 'pending'
                  and exists (select 1 from deployment_step_timings t where t.deployment_step_id = s.id)""")
                .query(Long.class).single()).isZero();
        assertThat(client.sql("""
                select count(*) from deployments d
                join (select deployment_id, bool_or(status in ('running', 'pending')) as under_way
                      from deployment_steps group by deployment_id) s on s.deployment_id = d.id
                where (d.status = 'running') <> s.under_way""").query(Long.class).single()).isZero();
        assertThat(client.sql("""
                select count(*) from deployment_steps
                where status = 'running' and step = 'transfer_files' and not completed_items between 0 and total_items
                """).query(Long.class).single()).isZero();
    }

    @Test
    void theSameSeedGivesTheSameRowsAndAnotherSeedOthers() {
        String fingerprint = """
                select md5((select string_agg(t::text, '|' order by id) from deployments t)
                           || (select string_agg(t::text, '|' order by id) from deployment_steps t)
                           || (select string_agg(t::text, '|' order by id) from deployment_step_timings t))""";
        String first = figures.jdbc().sql(fingerprint).query(String.class).single();
        DataSource again = TestDatabase.newEmptySource();
        JdbcClient repeat = JdbcClient.create(again);

        SyntheticDeploymentData.generate(again, SETTINGS);
        assertThat(repeat.sql(fingerprint).query(String.class).single()).isEqualTo(first);

        SyntheticDeploymentData.generate(again, new SyntheticDeploymentData.Settings(300, 60, 8, NOW));
        assertThat(repeat.sql(fingerprint).query(String.class).single()).isNotEqualTo(first);
    }

    @Test
    void keepsTheSchemaAndTheNextIdsAfterReplacingTheRows() {
        DataSource small = TestDatabase.newEmptySource();
        JdbcClient client = JdbcClient.create(small);
        String schema = """
                select string_agg(definition, '; ' order by definition) from (
                    select conname || ' ' || pg_get_constraintdef(oid) as definition from pg_constraint
                    where conrelid in ('deployments'::regclass, 'deployment_steps'::regclass,
                                       'deployment_step_timings'::regclass)
                    union all
                    select pg_get_indexdef(indexrelid) from pg_index
                    where indrelid in ('deployments'::regclass, 'deployment_steps'::regclass,
                                       'deployment_step_timings'::regclass)) d""";
        String before = client.sql(schema).query(String.class).single();
        for (long seed = 0; seed < 5; seed++) {
            // One day: the midnight transfer ends at "now" itself.
            var settings = new SyntheticDeploymentData.Settings(40, 1, seed, NOW);
            long rows = SyntheticDeploymentData.generate(small, settings);
            assertThat(client.sql("select count(*) from deployments").query(Long.class).single()).isEqualTo(40);
            assertThat(client.sql("select count(*) from deployment_steps").query(Long.class).single())
                    .isEqualTo(rows);
            assertThat(client.sql("""
                    select count(*) from deployment_step_timings where finished_at = timestamptz '2026-11-01 00:00Z'""")
                    .query(Long.class).single()).as("seed %d", seed).isPositive();
        }
        assertThat(client.sql(schema).query(String.class).single()).isEqualTo(before);
        List<Long> next = client.sql("""
                insert into deployments (project_id, status, created_at, updated_at) values (1, 'running', now(), now())
                returning id""").query(Long.class).list();
        assertThat(next).containsExactly(41L);
    }

    @Test
    void aCutOverAtTheFirstDayTimesEveryStepThatStarted() {
        DataSource timed = TestDatabase.newEmptySource();
        SyntheticDeploymentData.generate(timed, new SyntheticDeploymentData.Settings(50, 10, 7, NOW, 0));
        SqlFigures all = SqlFigures.on(timed);
        assertThat(all.count("""
                select count(*) from deployment_steps s
                where s.status in ('completed', 'failed', 'running')
                  and not exists (select 1 from deployment_step_timings t where t.deployment_step_id = s.id)"""))
                .isZero();
        assertThat(all.count("select min(id) from deployment_step_timings")).isEqualTo(1);
        assertThatThrownBy(() -> new SyntheticDeploymentData.Settings(50, 10, 7, NOW, 11))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void settingsNeedADeploymentAndADay() {
        assertThatThrownBy(() -> new SyntheticDeploymentData.Settings(0, 60, 7, NOW))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SyntheticDeploymentData.Settings(10, 0, 7, NOW))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
