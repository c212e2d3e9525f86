package io.progressreports.job;

import io.progressreports.CliProcess;
import io.progressreports.TestDatabase;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run killed with SIGKILL part-way through a multi-partition backfill (a real process, so no shutdown hook, no
 * finally block, no flush) is resumed by running the same command again: the partitions finished before the kill
 * are not redone, and the report is byte for byte the one an uninterrupted run writes.
 */
class RestartAfterKillTest {

    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);

    @TempDir
    Path work;

    @ParameterizedTest
    @ValueSource(strings = {"onboarding-funnel", "transfer-speed"})
    void aRunKilledMidwayResumesAndWritesTheSameBytes(String job) throws IOException {
        String source = "onboarding-funnel".equals(job) ? TestDatabase.seededSourceUrl()
                : TestDatabase.newSourceUrl(0, 300, 60);
        String store = TestDatabase.newDatabaseUrl();
        JdbcTemplate storeSql = TestDatabase.jdbc(store);

        // Small chunks and one thread make the run long enough to be caught between two partitions' commits.
        try (CliProcess killed = CliProcess.start(work.resolve("logs"), command(job, source, store, "killed", "20"))) {
            killed.awaitWhileRunning(RUN_TIMEOUT, () -> finishedPartitions(storeSql) >= 2
                    && midwayPartitions(storeSql) >= 1);
            killed.kill();
        }
        int doneBeforeKill = finishedPartitions(storeSql);
        assertThat(storeSql.queryForObject("select status from batch_job_execution", String.class))
                .as("a killed run leaves its execution STARTED").isEqualTo("STARTED");

        try (CliProcess rerun = CliProcess.start(work.resolve("logs"), command(job, source, store, "killed", "20"))) {
            assertThat(rerun.waitFor(RUN_TIMEOUT)).as(rerun.stderr()).isZero();
        }
        try (CliProcess clean = CliProcess.start(work.resolve("logs"),
                command(job, source, TestDatabase.newDatabaseUrl(), "clean", "500"))) {
            assertThat(clean.waitFor(RUN_TIMEOUT)).as(clean.stderr()).isZero();
        }

        int partitions = storeSql.queryForObject("select count(distinct step_name) from batch_step_execution "
                + "where step_name like '%:span-%'", Integer.class);
        assertThat(workerRuns(storeSql, 2)).as("the rerun does only what the kill left undone")
                .isEqualTo(partitions - doneBeforeKill);
        assertThat(storeSql.queryForList("select status from batch_job_execution order by job_execution_id",
                String.class)).containsExactly("FAILED", "COMPLETED");
        assertThat(files(work.resolve("killed").resolve(job))).isEqualTo(files(work.resolve("clean").resolve(job)));
        try (Stream<Path> left = Files.list(work.resolve("killed").resolve(job))) {
            assertThat(left.map(p -> p.getFileName().toString()))
                    .as("no staging folder left behind").containsExactlyInAnyOrder("latest", range(job));
        }
    }

    private String[] command(String job, String source, String store, String out, String chunkSize) {
        String from = "onboarding-funnel".equals(job) ? "2026-07-05" : "2026-09-03";
        return new String[] {"run", job, "--source-url", source, "--store-url", store, "--out",
                work.resolve(out).toString(), "--from", from, "--to", "2026-10-31", "--as-of", "2026-11-01T00:00:00Z",
                "--chunk-size", chunkSize, "--threads", "1"};
    }

    private static String range(String job) {
        return ("onboarding-funnel".equals(job) ? "2026-07-05" : "2026-09-03") + "_2026-10-31";
    }

    private static int finishedPartitions(JdbcTemplate store) {
        return partitions(store, "status = 'COMPLETED'");
    }

    private static int midwayPartitions(JdbcTemplate store) {
        return partitions(store, "status = 'STARTED' and commit_count > 0");
    }

    /** Worker step executions matching the condition; none while the run is still creating the store's tables. */
    private static int partitions(JdbcTemplate store, String condition) {
        if (store.queryForObject("select to_regclass('batch_step_execution') is null", Boolean.class)) {
            return 0;
        }
        return store.queryForObject("select count(*) from batch_step_execution where step_name like '%:span-%'"
                + " and " + condition, Integer.class);
    }

    /** Worker step executions of the n-th job execution. */
    private static int workerRuns(JdbcTemplate store, int execution) {
        return store.queryForObject("""
                select count(*) from batch_step_execution s
                where s.step_name like '%:span-%' and s.job_execution_id =
                    (select job_execution_id from batch_job_execution order by job_execution_id offset ? limit 1)""",
                Integer.class, execution - 1);
    }

    /** Every report file but the manifest (which records timings and execution ids), by name. */
    private static Map<String, String> files(Path jobOut) throws IOException {
        var contents = new TreeMap<String, String>();
        try (Stream<Path> files = Files.list(jobOut.resolve("latest"))) {
            for (Path file : files.filter(f -> !f.getFileName().toString().equals("manifest.json")).toList()) {
                contents.put(file.getFileName().toString(),
                        java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                                .digest(Files.readAllBytes(file))));
            }
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        assertThat(contents).isNotEmpty();
        return contents;
    }
}
