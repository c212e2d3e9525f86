package io.progressreports.bench;

import io.progressreports.demo.SourceSchema;
import io.progressreports.demo.SyntheticDeploymentData;
import io.progressreports.demo.SyntheticOnboardingData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's source data: generated inside PostgreSQL by the demo's set-based generators, or reused when the
 * database already holds exactly what these settings would generate (recorded in a {@code bench_dataset} table).
 *
 * <p>Dates are fixed, so that a rerun on another day reuses the data and figures stay comparable: the data covers the
 * {@code days + 1} UTC days before {@value #DATA_NOW}. The full backfill reports the first {@code days} of them with
 * as-of the start of the last one; the nightly run sees that last day too, by an as-of one day later. The jobs filter
 * every row by as-of, so to them this is the same as a new day of rows arriving.
 */
final class BenchDataset {

    static final String DATA_NOW = "2026-01-01T00:00:00Z";
    static final long SEED = 42;
    /** The deployment model's mean: 4 steps, plus running_migrations for 15% of deployments. */
    static final double STEPS_PER_DEPLOYMENT = 4.15;
    /** Bump when the generators or the way they are called change, so that old datasets are regenerated. */
    private static final int LAYOUT = 1;

    /** What one dataset is, and what a backfill and a nightly run of it cover. */
    record Facts(LocalDate from, LocalDate to, Instant backfillAsOf, Instant nightlyAsOf,
                 int deploymentsPerDay, long deploymentSteps, long timedTransferSteps,
                 long timingRows, long onboardingRows, boolean generated, double generationSeconds) {

        Map<String, Object> describe() {
            var map = new LinkedHashMap<String, Object>();
            map.put("data_days", from + " to " + to.plusDays(1) + " (UTC)");
            map.put("backfill", "--from " + from + " --to " + to + " --as-of " + backfillAsOf);
            map.put("nightly", "one more day visible via --as-of: --last " + (to.toEpochDay() - from.toEpochDay() + 1)
                    + " --as-of " + nightlyAsOf);
            map.put("deployments_per_day", deploymentsPerDay);
            map.put("deployment_steps", deploymentSteps);
            map.put("transfer_files_steps_with_timing_rows", timedTransferSteps);
            map.put("deployment_step_timings", timingRows);
            map.put("onboarding_progresses", onboardingRows);
            map.put("timings_cut_over", "first day (every deployment has timing rows)");
            map.put("seed", SEED);
            map.put("generated_this_run", generated);
            if (generated) {
                map.put("generation_seconds", generationSeconds);
            }
            return map;
        }
    }

    private BenchDataset() {
    }

    static DataSource dataSource(PgUrl url) {
        var source = new DriverManagerDataSource(url.jdbcUrl());
        if (url.password() != null && !url.jdbcUrl().contains("password=")) {
            source.setPassword(url.password());
        }
        return source;
    }

    static Facts prepare(BenchSettings settings, DataSource source) {
        int dataDays = settings.days() + 1;
        int deploymentsPerDay = (int) Math.max(1, Math.round(settings.steps() / STEPS_PER_DEPLOYMENT / settings.days()));
        int namespaces = Math.toIntExact(Math.round((double) settings.namespaces() * dataDays / settings.days()));
        Instant now = Instant.parse(DATA_NOW);
        LocalDate lastDataDay = LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(1);
        LocalDate to = lastDataDay.minusDays(1);
        LocalDate from = to.minusDays(settings.days() - 1);
        String spec = "layout " + LAYOUT + "; deployments/day " + deploymentsPerDay + "; namespaces " + namespaces
                + "; days " + dataDays + "; seed " + SEED + "; now " + DATA_NOW + "; cut-over day 0";

        var jdbc = JdbcClient.create(source);
        Map<String, Object> recorded = recorded(jdbc);
        boolean reuse = recorded != null && spec.equals(recorded.get("spec")) && countsMatch(jdbc, recorded);
        double seconds = 0;
        if (!reuse) {
            refuseForeignData(jdbc, recorded);
            System.out.printf("bench: generating %,d deployments a day and %,d namespaces over %d days (%s)%n",
                    deploymentsPerDay, namespaces, dataDays, spec);
            long started = System.nanoTime();
            SourceSchema.migrate(source);
            jdbc.sql("drop table if exists bench_dataset").update();
            SyntheticOnboardingData.generate(source, new SyntheticOnboardingData.Settings(namespaces, dataDays, SEED,
                    now));
            SyntheticDeploymentData.generate(source, new SyntheticDeploymentData.Settings(deploymentsPerDay, dataDays,
                    SEED, now, 0));
            seconds = (System.nanoTime() - started) / 1e9;
            record(jdbc, spec);
            recorded = recorded(jdbc);
            checkStepsPerDeployment(number(recorded, "steps"), (long) deploymentsPerDay * dataDays);
        } else {
            System.out.println("bench: reusing the dataset already in the source (" + spec + ")");
        }
        List<String> created = new RecommendedIndexes(jdbc).ensure();
        if (!created.isEmpty()) {
            System.out.println("bench: created the recommended indexes " + created);
        }
        return new Facts(from, to, to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(),
                to.plusDays(2).atStartOfDay(ZoneOffset.UTC).toInstant(), deploymentsPerDay,
                number(recorded, "steps"), number(recorded, "timed_transfers"), number(recorded, "timings"),
                number(recorded, "onboarding"), !reuse, seconds);
    }

    /**
     * The generator at scale gives about {@link #STEPS_PER_DEPLOYMENT} steps a deployment, as SyntheticDeploymentDataTest
     * checks on small data: the band that test once checked on 1.5M rows of mvn test (2,000 deployments a day over 180
     * days: 1.45M to 1.55M steps), checked here, where rows are generated at scale anyway.
     */
    private static void checkStepsPerDeployment(long steps, long deployments) {
        double perDeployment = (double) steps / deployments;
        if (perDeployment < 1_450_000 / 360_000.0 || perDeployment > 1_550_000 / 360_000.0) {
            throw new IllegalStateException("bench: the generator made %,d steps for %,d deployments (%.3f each), "
                    .formatted(steps, deployments, perDeployment) + "outside 4.028 to 4.306");
        }
    }

    private static final String COUNTS = """
            select (select count(*) from deployment_steps) as steps,
                   (select count(*) from deployment_steps s
                    where s.step = 'transfer_files'
                      and exists (select 1 from deployment_step_timings t where t.deployment_step_id = s.id))
                       as timed_transfers,
                   (select count(*) from deployment_step_timings) as timings,
                   (select count(*) from onboarding_progresses) as onboarding""";

    private static void record(JdbcClient jdbc, String spec) {
        jdbc.sql("""
                create table bench_dataset (spec text not null, steps bigint not null, timed_transfers bigint not null,
                    timings bigint not null, onboarding bigint not null, generated_at timestamptz not null)""")
                .update();
        jdbc.sql("insert into bench_dataset select :spec, c.*, now() from (" + COUNTS + ") c")
                .param("spec", spec).update();
    }

    private static Map<String, Object> recorded(JdbcClient jdbc) {
        boolean exists = jdbc.sql("select to_regclass('bench_dataset') is not null").query(Boolean.class).single();
        if (!exists) {
            return null;
        }
        return jdbc.sql("select * from bench_dataset").query().listOfRows().stream().findFirst().orElse(null);
    }

    /** Tables dropped or rows changed since generation (a test or a person at psql): regenerate. */
    private static boolean countsMatch(JdbcClient jdbc, Map<String, Object> recorded) {
        boolean tables = jdbc.sql("""
                select to_regclass('deployment_steps') is not null and to_regclass('deployment_step_timings') is not null
                       and to_regclass('onboarding_progresses') is not null""").query(Boolean.class).single();
        if (!tables) {
            return false;
        }
        Map<String, Object> now = jdbc.sql("select (select count(*) from deployment_steps) as steps, "
                + "(select count(*) from deployment_step_timings) as timings, "
                + "(select count(*) from onboarding_progresses) as onboarding").query().singleRow();
        return List.of("steps", "timings", "onboarding").stream()
                .allMatch(key -> number(now, key) == number(recorded, key));
    }

    /** The generators replace whatever the tables hold: never do that to a database the benchmark did not fill. */
    private static void refuseForeignData(JdbcClient jdbc, Map<String, Object> recorded) {
        if (recorded != null) {
            return;
        }
        for (String table : List.of("onboarding_progresses", "deployment_steps")) {
            boolean exists = jdbc.sql("select to_regclass(:t) is not null").param("t", table)
                    .query(Boolean.class).single();
            if (exists && jdbc.sql("select exists (select 1 from " + table + ")").query(Boolean.class).single()) {
                throw new IllegalStateException(table + " already has rows and this database has no bench_dataset "
                        + "table: the benchmark would replace them. Give it an empty database (createdb) instead.");
            }
        }
    }

    private static long number(Map<String, Object> row, String key) {
        return ((Number) row.get(key)).longValue();
    }
}
