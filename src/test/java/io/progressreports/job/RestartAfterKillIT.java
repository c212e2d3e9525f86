package io.progressreports.job;

import io.progressreports.CliProcess;
import io.progressreports.CliRun;
import io.progressreports.ReportFiles;
import io.progressreports.SqlProbe;
import io.progressreports.TestDatabase;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A multi-partition backfill killed with SIGKILL (a real process: no shutdown hook, no finally block, no flush) at
 * 24 different points (14 in mvn verify, one per phase of the run; all with -Dkill.points=all) — while reading and
 * writing chunks, between partitions, while rendering and publishing — is resumed by running the same command again (and, for a transfer source without the steps' updated_at index,
 * while its days' unfinished transfers are read in one pass after the partitions): the partitions finished before the kill are not redone, nothing
 * is stored twice, no staging folder is left behind, and the report is byte for byte an uninterrupted run's.
 */
class RestartAfterKillIT {

    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);
    /** Five partitions of seven days each, up to 2026-10-31. */
    private static final String FROM = "2026-09-27";
    private static final Map<String, Map<String, String>> CLEAN_REPORTS = new HashMap<>();
    private static final Map<String, Map<String, Long>> CLEAN_STORES = new HashMap<>();
    private static final int LATEST_KILL_MILLIS = 400;
    /** A transfer-speed run over a source without the steps' updated_at index: one more step, after the partitions. */
    private static final String UNINDEXED = "transfer-speed, no updated_at index";
    private static String deployments;
    private static String unindexedDeployments;

    @TempDir
    Path work;

    /**
     * Which points a run tries: by default (mvn verify) one per distinct phase of the run; with
     * {@code -Dkill.points=all} (the nightly build, see the README) every point.
     */
    private static final boolean ALL_POINTS = "all".equals(System.getProperty("kill.points"));

    /**
     * Where a run is killed: once the store shows the point reached, after a delay. A point {@code phase} is the only
     * one of its phase of the run and is tried by every build; the others try the same phase again, later in it, and
     * only with {@code -Dkill.points=all}.
     */
    record KillPoint(String job, String name, ToIntFunction<JdbcTemplate> progress, int reached, int delayMillis,
                     boolean phase) {

        @Override
        public String toString() {
            return job + ": " + name;
        }
    }

    static Stream<KillPoint> killPoints() {
        List<KillPoint> points = new ArrayList<>();
        for (String job : List.of("onboarding-funnel", "transfer-speed")) {
            String report = "onboarding-funnel".equals(job) ? "funnelReport" : "transferReport";
            // The first partition part read, its first day part folded: the rerun goes on from the saved read
            // position and adds to a stored day it did not finish.
            points.add(new KillPoint(job, "after the first chunk", RestartAfterKillIT::chunks, 1, 0, true));
            points.add(new KillPoint(job, "after 5 chunks", RestartAfterKillIT::chunks, 5, 0, false));
            // Further into the first partition: more of its days folded (rows come in time order), it not done.
            points.add(new KillPoint(job, "after 17 chunks", RestartAfterKillIT::chunks, 17, 0, true));
            // A partition boundary: one partition COMPLETED, the next not begun.
            points.add(new KillPoint(job, "as the first partition completes", RestartAfterKillIT::partitions, 1, 0,
                    true));
            // Completed partitions and a part-read one together: the rerun redoes neither.
            points.add(new KillPoint(job, "mid-way through the third partition", RestartAfterKillIT::partitions, 2,
                    60, true));
            points.add(new KillPoint(job, "after half the partitions", RestartAfterKillIT::partitions, 3, 0, false));
            points.add(new KillPoint(job, "as the last partition starts", RestartAfterKillIT::partitions, 4, 0, false));
            // Every partition done, the report step begun: the rerun only renders and publishes.
            points.add(new KillPoint(job, "as rendering starts", store -> stepStarted(store, report), 1, 0, true));
            // Report files half-written in a staging folder: none may be left behind or published.
            points.add(new KillPoint(job, "while rendering", store -> stepStarted(store, report), 1, 150, true));
            points.add(new KillPoint(job, "while rendering or publishing", store -> stepStarted(store, report), 1,
                    LATEST_KILL_MILLIS, false));
        }
        // Between the partitions and the pass over their days' unfinished transfers, a step of its own.
        points.add(new KillPoint(UNINDEXED, "as the partitions complete", RestartAfterKillIT::partitions, 5, 0,
                true));
        // The unfinished pass part done: its restart goes on from its own saved position.
        points.add(new KillPoint(UNINDEXED, "after the unfinished pass's first chunk",
                store -> stepCommits(store, "transferUnfinished"), 1, 0, true));
        points.add(new KillPoint(UNINDEXED, "after the unfinished pass's third chunk",
                store -> stepCommits(store, "transferUnfinished"), 3, 0, false));
        points.add(new KillPoint(UNINDEXED, "as rendering starts", store -> stepStarted(store, "transferReport"), 1,
                0, false));
        return points.stream().filter(point -> ALL_POINTS || point.phase());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("killPoints")
    void aRunKilledAtAnyPointResumesAndWritesTheSameBytes(KillPoint point) throws IOException {
        String job = jobName(point.job());
        String store = TestDatabase.newStoreUrl();
        JdbcTemplate storeSql = TestDatabase.jdbc(store);

        try (SqlProbe probe = SqlProbe.of(store);
             CliProcess killed = CliProcess.start(work.resolve("logs"), command(point.job(), store,
                     work.resolve("out")))) {
            killed.awaitWhileRunning(RUN_TIMEOUT, () -> probe.ask(point.progress()::applyAsInt) >= point.reached());
            sleep(point.delayMillis());
            killed.kill();
        }
        int doneBeforeKill = partitions(storeSql);

        // The kill needs a process of its own; the resumption only another JVM than the killed one's: this one.
        CliRun rerun = CliRun.of(List.of(command(point.job(), store, work.resolve("out"))));
        assertThat(rerun.exitCode()).as(rerun.err()).isZero();

        List<String> statuses = storeSql.queryForList(
                "select status from batch_job_execution order by job_execution_id", String.class);
        if (point.delayMillis() < LATEST_KILL_MILLIS || statuses.get(0).equals("FAILED")) {
            assertThat(statuses).as("killed before the end").containsExactly("FAILED", "COMPLETED");
            assertThat(workerRunsOfLastExecution(storeSql)).as("the rerun does only what the kill left undone")
                    .isEqualTo(partitionCount(storeSql) - doneBeforeKill);
        } else {
            // The latest point may come after the run finished on a fast machine: the rerun then reuses its days.
            assertThat(statuses).containsExactly("COMPLETED", "COMPLETED");
        }
        assertThat(reportFiles(work.resolve("out"), job)).isEqualTo(cleanReport(point.job()));
        assertThat(storedRows(storeSql, job)).as("nothing stored twice").isEqualTo(CLEAN_STORES.get(point.job()));
        try (Stream<Path> left = Files.list(work.resolve("out").resolve(job))) {
            assertThat(left.map(p -> p.getFileName().toString())).as("no staging folder left behind")
                    .containsExactlyInAnyOrder("latest", range());
        }
    }

    private Map<String, String> cleanReport(String kind) {
        synchronized (CLEAN_REPORTS) {
            if (!CLEAN_REPORTS.containsKey(kind)) {
                String store = TestDatabase.newStoreUrl();
                Path out = work.resolve("clean");
                CliRun clean = CliRun.of(List.of(command(kind, store, out)));
                assertThat(clean.exitCode()).as(clean.err()).isZero();
                CLEAN_REPORTS.put(kind, reportFiles(out, jobName(kind)));
                CLEAN_STORES.put(kind, storedRows(TestDatabase.jdbc(store), jobName(kind)));
            }
            return CLEAN_REPORTS.get(kind);
        }
    }

    private static String jobName(String kind) {
        return UNINDEXED.equals(kind) ? "transfer-speed" : kind;
    }

    /** Small chunks, 7-day partitions and one thread, so that every kill point falls inside the run. */
    private static String[] command(String kind, String store, Path out) {
        String job = jobName(kind);
        return new String[] {"run", job, "--source-url", source(kind), "--store-url", store, "--out", out.toString(),
                "--from", FROM, "--to", "2026-10-31", "--as-of", "2026-11-01T00:00:00Z", "--chunk-size", "25",
                "--partition-days", "7", "--threads", "1", "onboarding-funnel".equals(job) ? "--dropoffs" : "--no-bom"};
    }

    private static synchronized String source(String kind) {
        if ("onboarding-funnel".equals(kind)) {
            return TestDatabase.seededSourceUrl();
        }
        if (UNINDEXED.equals(kind)) {
            if (unindexedDeployments == null) {
                unindexedDeployments = TestDatabase.newSourceUrl(0, 120, 40);
                TestDatabase.jdbc(unindexedDeployments).execute("drop index deployment_steps_updated_at_idx");
            }
            return unindexedDeployments;
        }
        if (deployments == null) {
            deployments = TestDatabase.newSourceUrl(0, 120, 40);
        }
        return deployments;
    }

    private static String range() {
        return FROM + "_2026-10-31";
    }

    private static int chunks(JdbcTemplate store) {
        return workers(store, "sum(commit_count)", "true");
    }

    private static int partitions(JdbcTemplate store) {
        return workers(store, "count(*)", "status = 'COMPLETED'");
    }

    private static int partitionCount(JdbcTemplate store) {
        return workers(store, "count(distinct step_name)", "true");
    }

    private static int workerRunsOfLastExecution(JdbcTemplate store) {
        return workers(store, "count(*)",
                "job_execution_id = (select max(job_execution_id) from batch_job_execution)");
    }

    /** An aggregate over the worker (partition) step executions; 0 while the run is still creating the tables. */
    private static int workers(JdbcTemplate store, String aggregate, String condition) {
        if (store.queryForObject("select to_regclass('batch_step_execution') is null", Boolean.class)) {
            return 0;
        }
        Integer value = store.queryForObject("select coalesce(" + aggregate + ", 0)::int from batch_step_execution "
                + "where step_name like '%:span-%' and " + condition, Integer.class);
        return value == null ? 0 : value;
    }

    private static int stepStarted(JdbcTemplate store, String step) {
        if (store.queryForObject("select to_regclass('batch_step_execution') is null", Boolean.class)) {
            return 0;
        }
        return store.queryForObject("select count(*)::int from batch_step_execution where step_name = ?",
                Integer.class, step);
    }

    private static int stepCommits(JdbcTemplate store, String step) {
        if (store.queryForObject("select to_regclass('batch_step_execution') is null", Boolean.class)) {
            return 0;
        }
        return store.queryForObject("select coalesce(sum(commit_count), 0)::int from batch_step_execution "
                + "where step_name = ?", Integer.class, step);
    }

    /** What the run stored: the day rows and the per-row details, counted, and the details' key sum. */
    private static Map<String, Long> storedRows(JdbcTemplate store, String job) {
        String sql = "onboarding-funnel".equals(job)
                ? "select (select count(*) from funnel_day), (select count(*) from funnel_dropoff), "
                        + "(select coalesce(sum(namespace_id), 0) from funnel_dropoff)"
                : "select (select count(*) from transfer_day), (select count(*) from transfer_reject), "
                        + "(select coalesce(sum(deployment_step_id), 0) from transfer_reject)";
        return store.queryForObject(sql, (rs, n) -> Map.of("days", rs.getLong(1), "details", rs.getLong(2),
                "detailKeySum", rs.getLong(3)));
    }

    /** Every file of the published report but the manifest (it records timings and execution ids), hashed. */
    private static Map<String, String> reportFiles(Path out, String job) {
        Map<String, String> hashes = ReportFiles.contentHashes(out.resolve(job).resolve("latest"));
        assertThat(hashes).isNotEmpty();
        return hashes;
    }

    private static void sleep(int millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
