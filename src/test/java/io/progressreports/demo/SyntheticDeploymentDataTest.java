package io.progressreports.demo;

import io.progressreports.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class SyntheticDeploymentDataTest {

    private static final Instant NOW = Instant.parse("2026-11-01T06:00:00Z");
    private static DriverManagerDataSource source;
    private static JdbcTemplate jdbc;

    @BeforeAll
    static void generate() {
        source = new DriverManagerDataSource(TestDatabase.newDatabaseUrl());
        SourceSchema.migrate(source);
        jdbc = new JdbcTemplate(source);
        long start = System.nanoTime();
        SyntheticDeploymentData.generate(source, new SyntheticDeploymentData.Settings(300, 60, 7, NOW));
        System.out.printf("generated 300 deployments a day over 60 days in %.1f s%n", (System.nanoTime() - start) / 1e9);
    }

    private long count(String sql) {
        return jdbc.queryForObject(sql, Long.class);
    }

    @Test
    void deploymentsRunTheirStepsOneAfterAnotherBeforeToday() {
        assertThat(count("select count(*) from deployments")).isBetween(60 * 300 * 6 / 10L, 60 * 300L);
        assertThat(count("select count(*) from deployments where created_at >= '2026-11-01'")).isZero();
        assertThat(count("select count(distinct step) from deployment_steps")).isEqualTo(4);
        assertThat(count("""
                select count(*) from deployment_steps a join deployment_steps b
                  on b.deployment_id = a.deployment_id and b.id = a.id + 1
                where b.created_at < a.created_at""")).isZero();
        assertThat(count("select count(*) from deployment_steps where status = 'failed'")).isPositive();
    }

    @Test
    void onlyDeploymentsAfterTheCutOverHaveTimings() {
        assertThat(count("""
                select count(*) from deployment_steps s join deployment_step_timings t on t.deployment_step_id = s.id
                where s.created_at < '2026-09-14'""")).isZero();
        assertThat(count("""
                select count(*) from deployment_steps s
                where s.created_at >= '2026-09-15' and not exists
                  (select 1 from deployment_step_timings t where t.deployment_step_id = s.id)""")).isZero();
        assertThat(count("select count(*) from deployment_steps s where s.created_at < '2026-09-13'"))
                .isPositive();
    }

    @Test
    void everyKindOfBadTransferRowIsPresent() {
        String transfers = " from deployment_steps s join deployment_step_timings t on t.deployment_step_id = s.id"
                + " where s.step = 'transfer_files' and s.status = 'completed' and ";
        assertThat(count("select count(*)" + transfers + "t.started_at is null")).isPositive();
        assertThat(count("select count(*)" + transfers + "t.finished_at is null")).isPositive();
        assertThat(count("select count(*)" + transfers + "t.finished_at = t.started_at")).isPositive();
        assertThat(count("select count(*)" + transfers + "t.finished_at < t.started_at")).isPositive();
        assertThat(count("select count(*)" + transfers + "s.completed_items is null")).isPositive();
        assertThat(count("select count(*)" + transfers + "s.completed_items < 0")).isPositive();
        assertThat(count("select count(*)" + transfers + "s.completed_items > s.total_items")).isPositive();
        assertThat(count("select count(*)" + transfers + "t.finished_at = date_trunc('day', t.finished_at, 'UTC')"))
                .isPositive();
    }

    @Test
    void transfersAreSlowerAtPeakHoursAndFasterLater() {
        String speed = "select avg(s.completed_items / extract(epoch from t.finished_at - t.started_at))"
                + " from deployment_steps s join deployment_step_timings t on t.deployment_step_id = s.id"
                + " where s.step = 'transfer_files' and s.status = 'completed' and t.finished_at > t.started_at"
                + " and s.completed_items between 0 and s.total_items and ";
        double peak = jdbc.queryForObject(speed + "extract(hour from s.created_at at time zone 'UTC') between 13 and 18",
                Double.class);
        double night = jdbc.queryForObject(speed + "extract(hour from s.created_at at time zone 'UTC') < 6",
                Double.class);
        double early = jdbc.queryForObject(speed + "s.created_at < '2026-09-25'", Double.class);
        double late = jdbc.queryForObject(speed + "s.created_at >= '2026-10-20'", Double.class);
        assertThat(peak).isLessThan(night * 0.85);
        assertThat(late).isGreaterThan(early * 1.05);
    }

    @Test
    void theSameSeedGivesTheSameRows() {
        String digest = "select md5(string_agg(concat_ws(',', s.id, s.step, s.status, s.completed_items, t.started_at,"
                + " t.finished_at), ';' order by s.id)) from deployment_steps s"
                + " left join deployment_step_timings t on t.deployment_step_id = s.id";
        String first = jdbc.queryForObject(digest, String.class);
        SyntheticDeploymentData.generate(source, new SyntheticDeploymentData.Settings(300, 60, 7, NOW));
        assertThat(jdbc.queryForObject(digest, String.class)).isEqualTo(first);
        SyntheticDeploymentData.generate(source, new SyntheticDeploymentData.Settings(300, 60, 8, NOW));
        assertThat(jdbc.queryForObject(digest, String.class)).isNotEqualTo(first);
        SyntheticDeploymentData.generate(source, new SyntheticDeploymentData.Settings(300, 60, 7, NOW));
    }
}
