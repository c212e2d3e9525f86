package io.progressreports.faults;

import io.progressreports.CliProcess;
import io.progressreports.CliRun;
import io.progressreports.ReportFiles;
import io.progressreports.SqlProbe;
import io.progressreports.TestDatabase;
import io.progressreports.failure.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The source goes away while a real process reads it. A drop (its backends terminated, as a failover or an admin
 * does) is retried in the same process from the last committed chunk: exit 0 and an uninterrupted run's bytes. A
 * source that stays down ends the run with exit 69 in one line naming it, leaves the published report alone, and
 * the same command finishes the run once the source is back.
 */
class SourceDropIT {

    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);
    private static final String FROM = "2026-09-27";
    private static final String TO = "2026-10-31";

    @TempDir
    Path work;

    @Test
    void aDropMidRunIsRetriedAndTheReportIsAnUninterruptedRunsBytes() {
        String source = TestDatabase.seededSourceUrl();
        String store = TestDatabase.newStoreUrl();
        Map<String, String> clean = cleanRun(source);

        try (CliProcess run = CliProcess.start(work.resolve("logs"), slowCommand(source, store))) {
            try (SqlProbe probe = SqlProbe.of(store)) {
                run.awaitWhileRunning(RUN_TIMEOUT, () -> probe.ask(SourceDropIT::chunksOfRunningExecution) >= 5);
            }
            assertThat(terminateBackends(TestDatabase.jdbc(store), "seeded_source", run))
                    .as("source backends terminated").isPositive();

            assertThat(run.waitFor(RUN_TIMEOUT)).as(run.stderr()).isZero();
            assertThat(run.stderr().lines().filter(line -> line.contains("lost its source connection")))
                    .singleElement().asString().contains("retry 1 of 3");
        }
        assertThat(ReportFiles.contentHashes(latest())).isEqualTo(clean);
        assertThat(exitCodes(store)).containsExactly(ExitCodes.UNAVAILABLE, ExitCodes.OK);
    }

    @Test
    void aSourceThatStaysDownExits69AndLeavesTheReportAloneAndTheRerunFinishes() throws IOException {
        String source = TestDatabase.newSourceUrl(3000, 0, 40);
        String database = TestDatabase.jdbc(source).queryForObject("select current_database()", String.class);
        String store = TestDatabase.newStoreUrl();
        JdbcTemplate admin = TestDatabase.jdbc(store);
        Map<String, String> clean = cleanRun(source);
        // An earlier run of the same job, over fewer days: what an analyst has open when the source goes down.
        CliRun earlier = CliRun.of(List.of(command(source, store, "2026-10-20", work.resolve("out"))));
        assertThat(earlier.exitCode()).as(earlier.err()).isZero();
        Path published = Files.readSymbolicLink(latest());
        Map<String, String> publishedFiles = ReportFiles.hashes(latest());

        try (CliProcess run = CliProcess.start(work.resolve("logs"), slowCommand(source, store))) {
            try (SqlProbe probe = SqlProbe.of(store)) {
                run.awaitWhileRunning(RUN_TIMEOUT, () -> probe.ask(SourceDropIT::chunksOfRunningExecution) >= 3);
            }
            admin.execute("alter database " + database + " allow_connections false");
            try {
                terminateBackends(admin, database, run);
                assertThat(run.waitFor(RUN_TIMEOUT)).as(run.stderr()).isEqualTo(ExitCodes.UNAVAILABLE);
            } finally {
                admin.execute("alter database " + database + " allow_connections true");
            }
            List<String> errors = run.stderr().lines().filter(line -> line.startsWith("progress-reports: ")).toList();
            assertThat(errors).as(run.stderr()).singleElement().asString()
                    .startsWith("progress-reports: source jdbc:postgresql:").contains("/" + database)
                    .contains("unreachable, 3 restarts failed");
            assertThat(run.stderr().lines().filter(line -> line.contains("lost its source connection"))).hasSize(3);
        }
        assertThat(Files.readSymbolicLink(latest())).isEqualTo(published);
        assertThat(ReportFiles.hashes(latest())).isEqualTo(publishedFiles);

        // The source's loss needs a process; the resumption only another JVM than the failed one's: this one.
        CliRun rerun = CliRun.of(List.of(command(source, store, FROM, work.resolve("out"))));
        assertThat(rerun.exitCode()).as(rerun.err()).isZero();
        assertThat(ReportFiles.contentHashes(latest())).isEqualTo(clean);
        assertThat(exitCodes(store)).containsExactly(ExitCodes.OK, ExitCodes.UNAVAILABLE, ExitCodes.UNAVAILABLE,
                ExitCodes.UNAVAILABLE, ExitCodes.UNAVAILABLE, ExitCodes.OK);
    }

    @Test
    void aSourceThatStopsAnsweringEndsTheRunAtTheReadTimeoutWithExit69() throws SQLException {
        String source = TestDatabase.newSourceUrl(500, 0, 40);
        String store = TestDatabase.newStoreUrl();
        // The server keeps the connection but sends nothing: the read waits on a lock a migration holds.
        try (Connection admin = TestDatabase.jdbc(source).getDataSource().getConnection()) {
            admin.setAutoCommit(false);
            admin.createStatement().execute("lock table onboarding_progresses in access exclusive mode");
            CliRun run = CliRun.of(List.of(command(source, store, FROM, work.resolve("out"),
                    "--source-read-timeout", "3s")));
            admin.rollback();
            assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.UNAVAILABLE);
            assertThat(run.err().lines().filter(line -> line.startsWith("progress-reports: "))).as(run.err())
                    .singleElement().asString().startsWith("progress-reports: source jdbc:postgresql:")
                    .contains("sent nothing for 3s while reading public.onboarding_progresses")
                    .contains("--source-read-timeout");
            assertThat(run.err()).doesNotContain("lost its source connection").doesNotContain("\tat ");
        }
        assertThat(exitCodes(store)).containsExactly(ExitCodes.UNAVAILABLE);
        CliRun rerun = CliRun.of(List.of(command(source, store, FROM, work.resolve("out"))));
        assertThat(rerun.exitCode()).as(rerun.err()).isZero();
    }

    /**
     * The report of the same command over an untouched source, in a store of its own: an oracle, which needs no
     * process of its own.
     */
    private Map<String, String> cleanRun(String source) {
        Path out = work.resolve("clean");
        CliRun clean = CliRun.of(List.of(command(source, TestDatabase.newStoreUrl(), FROM, out)));
        assertThat(clean.exitCode()).as(clean.err()).isZero();
        return ReportFiles.contentHashes(out.resolve("onboarding-funnel/latest"));
    }

    /** Small chunks and one thread, so that the run is still reading when its source goes away. */
    private String[] slowCommand(String source, String store) {
        return command(source, store, FROM, work.resolve("out"), "--chunk-size", "25", "--threads", "1");
    }

    private static String[] command(String source, String store, String from, Path out, String... flags) {
        var command = new ArrayList<>(List.of("run", "onboarding-funnel", "--source-url", source, "--store-url",
                store, "--out", out.toString(), "--from", from, "--to", TO, "--as-of", "2026-11-01T00:00:00Z"));
        command.addAll(List.of(flags));
        return command.toArray(String[]::new);
    }

    private Path latest() {
        return work.resolve("out/onboarding-funnel/latest");
    }

    /**
     * Ends the run's connections to the source database, as an admin's pg_terminate_backend or a failover does;
     * through {@code admin}, a connection to another database of the server, which a closed source still allows.
     */
    private static int terminateBackends(JdbcTemplate admin, String database, CliProcess run) {
        return admin.queryForObject("""
                select count(pg_terminate_backend(pid))::int from pg_stat_activity
                where datname = ? and application_name = ?""", Integer.class, database,
                "progress-reports pid " + run.pid());
    }

    /** Chunks committed by the partitions of the running execution; 0 before it starts. */
    private static int chunksOfRunningExecution(JdbcTemplate store) {
        if (store.queryForObject("select to_regclass('batch_step_execution') is null", Boolean.class)) {
            return 0;
        }
        return store.queryForObject("""
                select coalesce(sum(commit_count), 0)::int from batch_step_execution
                where step_name like '%:span-%'
                  and job_execution_id = (select max(job_execution_id) from batch_job_execution
                                          where status = 'STARTED')""", Integer.class);
    }

    private static List<Integer> exitCodes(String store) {
        return TestDatabase.jdbc(store).queryForList("select exit_code from run_outcome order by job_execution_id",
                Integer.class);
    }
}
