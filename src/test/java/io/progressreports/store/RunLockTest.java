package io.progressreports.store;

import io.progressreports.CapturedErr;
import io.progressreports.TestDatabase;
import io.progressreports.cli.ProgressReportsCommand;
import io.progressreports.failure.ExitCodes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** One run of a job at a time, enforced by the store: a second one exits 75 at once and says who holds it. */
class RunLockTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final CapturedErr err = new CapturedErr();
    private String store;
    private Path jobs;

    @BeforeEach
    void setUp() throws Exception {
        store = TestDatabase.newStoreUrl();
        jobs = Files.createDirectories(dir.resolve("jobs"));
        Path funnel = Path.of("jobs", "onboarding-funnel.yml");
        Files.copy(funnel, jobs.resolve("onboarding-funnel.yml"));
        Files.copy(funnel, jobs.resolve("security-funnel.yml"));
    }

    private int run(String job) {
        return ProgressReportsCommand.execute("run", job, "--jobs-dir", jobs.toString(), "--date", "2026-09-01",
                "--as-of", "2026-11-01T00:00:00Z", "--source-url", TestDatabase.seededSourceUrl(), "--store-url",
                store, "--out", dir.resolve("out").toString());
    }

    /** Another process's session holding the job's lock, as a running job would. */
    private Connection holdLock(String job) throws Exception {
        var properties = new Properties();
        properties.setProperty("ApplicationName", "progress-reports pid 4242");
        Connection other = DriverManager.getConnection(store, properties);
        try (var statement = other.createStatement()) {
            statement.execute("select pg_advisory_lock(" + 0x70725270 + ", " + job.hashCode() + ")");
        }
        return other;
    }

    @Test
    void aSecondRunOfTheSameJobExits75NamingTheRunningOneWhileOtherJobsRun() throws Exception {
        assertThat(run("onboarding-funnel")).isZero();
        try (Connection other = holdLock("onboarding-funnel")) {
            // A run that waited for the lock instead would never end here: the holder keeps it until after.
            assertThat(assertTimeoutPreemptively(Duration.ofMinutes(3), () -> run("onboarding-funnel")))
                    .isEqualTo(ExitCodes.TEMPORARY);
            assertThat(err.text())
                    .contains("another run of onboarding-funnel is in progress (progress-reports pid 4242");

            assertThat(run("security-funnel")).isZero();
        }
        assertThat(run("onboarding-funnel")).isZero();
    }

    @Test
    void aFinishedRunLeavesNoLockBehind() throws Exception {
        assertThat(run("onboarding-funnel")).isZero();
        try (Connection check = DriverManager.getConnection(store);
             var rs = check.createStatement().executeQuery(
                     "select count(*) from pg_locks where locktype = 'advisory'")) {
            rs.next();
            assertThat(rs.getLong(1)).isZero();
        }
    }
}
