package io.progressreports.cli;

import io.progressreports.CliProcess;
import io.progressreports.CliRun;
import io.progressreports.EmbeddedStores;
import io.progressreports.SqlProbe;
import io.progressreports.TestDatabase;
import io.progressreports.failure.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * SIGTERM, as cron, systemd or a person sends it, and SIGINT (Ctrl-C), to real processes: jobs stop at a chunk
 * boundary, resumable.
 */
class SigtermIT {

    private static final List<String> CSVS = List.of("funnel.csv", "funnel_summary.csv", "completion_by_age.csv",
            "data_quality.csv");

    @TempDir
    static Path shared;
    private static Path uninterrupted;

    @TempDir
    Path dir;

    private static List<String> run(String store, Path out) {
        return run("--store-url", store, out);
    }

    private static List<String> run(String storeFlag, String store, Path out) {
        return List.of("run", "onboarding-funnel", "--source-url", TestDatabase.seededSourceUrl(), storeFlag, store,
                "--out", out.toString(), "--from", "2026-08-01", "--to", "2026-10-31", "--as-of",
                "2026-11-01T00:00:00Z", "--chunk-size", "100", "--threads", "1");
    }

    /** The reports of the same run never interrupted, made once. */
    private static synchronized Path uninterrupted() {
        if (uninterrupted == null) {
            uninterrupted = shared.resolve("uninterrupted");
            assertThat(ProgressReportsCommand.execute(run(TestDatabase.newStoreUrl(), uninterrupted)
                    .toArray(String[]::new))).isZero();
        }
        return uninterrupted;
    }

    private static void assertSameReports(Path out) {
        for (String csv : CSVS) {
            assertThat(out.resolve("onboarding-funnel/latest").resolve(csv)).as(csv)
                    .hasSameBinaryContentAs(uninterrupted().resolve("onboarding-funnel/latest").resolve(csv));
        }
    }

    @Test
    void aTerminatedRunStopsAtAChunkBoundaryAndTheSameCommandResumesIt() throws IOException {
        String store = TestDatabase.newStoreUrl();
        Path out = dir.resolve("out");
        List<String> command = run(store, out);
        try (CliProcess process = CliProcess.start(dir.resolve("logs"), command.toArray(String[]::new))) {
            try (SqlProbe probe = SqlProbe.of(store)) {
                process.awaitWhileRunning(Duration.ofMinutes(3), () -> probe.chunkCommitted("funnelDay:"));
            }
            process.terminate();
            assertThat(process.waitFor(Duration.ofSeconds(90))).as(process.stderr()).isEqualTo(ExitCodes.TERMINATED);
            assertThat(process.stderr()).contains("stopping onboardingFunnel execution");
        }
        var jdbc = TestDatabase.jdbc(store);
        assertThat(jdbc.queryForList("select status from batch_job_execution", String.class)).containsExactly("STOPPED");
        assertThat(out.resolve("onboarding-funnel/2026-08-01_2026-10-31")).doesNotExist();

        assertThat(ProgressReportsCommand.execute(command.toArray(String[]::new))).isZero();
        assertThat(jdbc.queryForList("select status from batch_job_execution order by job_execution_id", String.class))
                .containsExactly("STOPPED", "COMPLETED");
        assertThat(jdbc.queryForObject("select count(*) from batch_job_instance", Integer.class)).isEqualTo(1);

        assertSameReports(out);
    }

    /**
     * On the embedded store, which the signalled process shares and stops last: the execution is STOPPED in the
     * store before the store goes down, one line says so, and the same command resumes it.
     */
    @ParameterizedTest
    @ValueSource(strings = {"TERM", "INT"})
    void aSignalledRunOnTheEmbeddedStoreEndsStoppedWithoutAStackTraceAndResumes(String signal) {
        assumeFalse("INT".equals(signal) && CliProcess.sigintIgnored(), "SIGINT is ignored by this test run "
                + "(started in the background by a non-interactive shell), so by every process it starts");
        Path store = dir.resolve("store");
        Path out = dir.resolve("out");
        String[] command = run("--store-dir", store.toString(), out).toArray(String[]::new);
        int expected = "TERM".equals(signal) ? ExitCodes.TERMINATED : ExitCodes.INTERRUPTED;
        try (CliProcess process = CliProcess.start(dir.resolve("logs"), command)) {
            try (SqlProbe owner = EmbeddedStores.ownerProbe(store)) {
                process.awaitWhileRunning(Duration.ofMinutes(3), () -> owner.chunkCommitted("funnelDay:"));
            }
            if ("TERM".equals(signal)) {
                process.terminate();
            } else {
                process.interrupt();
            }
            assertThat(process.waitFor(Duration.ofSeconds(90))).as(process.stderr()).isEqualTo(expected);
            assertThat(process.stderr()).contains("stopped on SIG" + signal + ", exit " + expected)
                    .doesNotContain("\tat ", "Exception", "terminating connection");
        }
        assertThat(EmbeddedStores.serverPid(store)).as("the store, stopped after the job").isEmpty();
        CliRun history = CliRun.of(List.of("history", "--store-dir", store.toString(), "--csv"));
        assertThat(history.out().lines().filter(line -> line.contains("onboarding-funnel")))
                .singleElement().asString().contains("STOPPED", "," + expected);

        assertThat(ProgressReportsCommand.execute(command)).isZero();
        assertSameReports(out);
    }

    private List<String> scheduleFlags(String store, int last) throws IOException {
        Path jobs = Files.createDirectories(dir.resolve("jobs"));
        Files.writeString(jobs.resolve("nightly-funnel.yml"), """
                kind: funnel
                steps: [git_write, pipeline_created]
                last: %d
                schedule:
                  cron: "30 2 * * *"
                """.formatted(last));
        return List.of("--jobs-dir", jobs.toString(), "--source-url", TestDatabase.seededSourceUrl(), "--store-url",
                store, "--out", dir.resolve("out").toString());
    }

    @Test
    void aScheduleThatHadToStopARunExits143() throws IOException {
        String store = TestDatabase.newStoreUrl();
        // A fresh store: the catch-up run starts at once.
        var schedule = new ArrayList<>(List.of("schedule", "--chunk-size", "100", "--threads", "1"));
        schedule.addAll(scheduleFlags(store, 120));
        // In Spring AOT mode, as ./progress-reports starts it.
        try (CliProcess process = CliProcess.start(dir.resolve("logs"), Path.of(""),
                Map.of("spring.aot.enabled", "true"), Map.of(), schedule.toArray(String[]::new))) {
            try (SqlProbe probe = SqlProbe.of(store)) {
                process.awaitWhileRunning(Duration.ofMinutes(3), () -> probe.chunkCommitted("funnelDay:"));
            }
            process.terminate();
            assertThat(process.waitFor(Duration.ofSeconds(90))).as(process.stderr()).isEqualTo(ExitCodes.TERMINATED);
            assertThat(process.stderr()).contains("nightly-funnel: run failed, exit 143: onboardingFunnel stopped "
                    + "(execution 1); the same command resumes it");
        }
        assertThat(TestDatabase.jdbc(store).queryForList("select status from batch_job_execution", String.class))
                .containsExactly("STOPPED");
    }

    @Test
    void anIdleScheduleExitsPromptlyWithZero() throws IOException {
        String store = TestDatabase.newStoreUrl();
        List<String> flags = scheduleFlags(store, 7);
        // Last night's report is there, so there is nothing to catch up.
        var run = new ArrayList<>(List.of("run", "nightly-funnel"));
        run.addAll(flags);
        assertThat(ProgressReportsCommand.execute(run.toArray(String[]::new))).isZero();

        var schedule = new ArrayList<>(List.of("schedule"));
        schedule.addAll(flags);
        try (CliProcess process = CliProcess.start(dir.resolve("logs"), schedule.toArray(String[]::new))) {
            process.awaitWhileRunning(Duration.ofMinutes(2), () -> process.stderr().contains("next run at"));
            process.terminate();
            // An idle scheduler has no job to wait for: it must end well before the 60 s given to a running one.
            assertThat(process.waitFor(Duration.ofSeconds(45))).as(process.stderr()).isZero();
            assertThat(process.stderr()).doesNotContain("run started");
        }
    }
}
