package io.progressreports.store;

import io.progressreports.CliProcess;
import io.progressreports.CliRun;
import io.progressreports.EmbeddedStores;
import io.progressreports.SqlProbe;
import io.progressreports.TestDatabase;
import io.progressreports.failure.ExitCodes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default embedded store with real processes: private to its OS user, shared by any number of processes
 * (none stops it under another, whatever the order they end in), and never used on a folder that is not ours.
 */
class SharedStoreIT {

    private static final Duration RUN = Duration.ofMinutes(4);
    private static String deployments;
    /** The long run's own source, which a test may lock to hold that run mid-way for as long as it needs. */
    private static String funnelSource;

    /** Kept when a test fails: the store's server.log and the processes' logs tell what happened. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @BeforeAll
    static void sources() {
        TestDatabase.seededSourceUrl();
        deployments = TestDatabase.newSourceUrl(0, 200, 120);
        funnelSource = TestDatabase.newSourceUrl(5000, 0, 120);
    }

    /** A funnel over three months in weekly partitions, 100 rows a chunk, on one thread. */
    private static String[] longRun(Path store, Path out) {
        return new String[] {"run", "onboarding-funnel", "--source-url", funnelSource, "--store-dir",
                store.toString(), "--out", out.toString(), "--from", "2026-08-01", "--to", "2026-10-31", "--as-of",
                "2026-11-01T00:00:00Z", "--chunk-size", "100", "--threads", "1", "--partition-days", "7"};
    }

    /**
     * Holds the long run before its next partition for as long as it is open: an exclusive lock on the table it
     * reads, granted once the partition being read ends, which the next partition's read then waits for.
     */
    private static AutoCloseable holdLongRun() throws SQLException {
        return hold(funnelSource, "onboarding_progresses");
    }

    private static String[] shortRun(String job, Path store, Path out) {
        return new String[] {"run", job, "--source-url", "transfer-speed".equals(job) ? deployments
                : TestDatabase.seededSourceUrl(), "--store-dir", store.toString(), "--out", out.toString(), "--date",
                "2026-09-01", "--as-of", "2026-11-01T00:00:00Z"};
    }

    @Test
    void anotherUserCannotRunSqlOnTheStoreWhileARunIsInProgress() throws IOException {
        Path store = dir.resolve("store");
        try (CliProcess run = CliProcess.start(dir.resolve("logs"), longRun(store, dir.resolve("out")))) {
            try (SqlProbe owner = EmbeddedStores.ownerProbe(store)) {
                run.awaitWhileRunning(RUN, () -> owner.chunkCommitted("funnelDay:"));
            }
            long server = EmbeddedStores.serverPid(store).orElseThrow();
            List<String> listeners = EmbeddedStores.listeners(server);
            assertThat(listeners).as("the server's listeners").isNotEmpty()
                    .allSatisfy(listener -> assertThat(listener).startsWith("tcp 127.0.0.1:"));
            for (String listener : listeners) {
                var nobody = EmbeddedStores.psqlAsNobody(listener);
                assertThat(nobody.exitCode()).as(listener + ": " + nobody.output()).isNotZero();
                assertThat(nobody.output()).contains("password");
            }
            assertThat(Files.readString(store.resolve("data/pg_hba.conf"))).doesNotContainPattern("(?m)^[^#]*trust");
            assertThat(Files.readString(Path.of("/proc", Long.toString(server), "environ")))
                    .doesNotContain("REPORTS_");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store))).isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.resolve("password"))))
                    .isEqualTo("rw-------");
            assertThat(run.waitFor(RUN)).as(run.stderr()).isZero();
        }
        assertThat(EmbeddedStores.serverPid(store)).as("stopped by the last process to leave").isEmpty();
    }

    /**
     * Three jobs (a run lock each) race to create, start and migrate one fresh store, and to stop it. Three
     * processes an attempt rather than two: a fresh store then sees three pairs of contenders instead of one, so
     * four attempts try 12 pairs with 12 processes and 4 new stores, where ten attempts of two tried 10 pairs
     * with 20 processes and 10 new stores.
     */
    @Test
    void threeJobsStartedTogetherOnAFreshStoreAllComplete() {
        for (int attempt = 1; attempt <= 4; attempt++) {
            Path store = dir.resolve("store-" + attempt);
            Path logs = dir.resolve("logs-" + attempt);
            try (CliProcess funnel = CliProcess.start(logs, shortRun("onboarding-funnel", store, dir.resolve("out")));
                 CliProcess security = CliProcess.start(logs, shortRun("security-funnel", store, dir.resolve("out")));
                 CliProcess transfer = CliProcess.start(logs, shortRun("transfer-speed", store, dir.resolve("out")))) {
                for (CliProcess run : List.of(funnel, security, transfer)) {
                    assertThat(run.waitFor(RUN)).as("attempt " + attempt + ": " + run.stderr()).isZero();
                }
            }
            assertThat(EmbeddedStores.serverPid(store)).as("attempt " + attempt).isEmpty();
        }
    }

    @Test
    void aShortRunEndingFirstLeavesTheServerToTheLongOne() throws Exception {
        Path store = dir.resolve("store");
        try (CliProcess longOne = CliProcess.start(dir.resolve("logs"), longRun(store, dir.resolve("out")))) {
            try (SqlProbe owner = EmbeddedStores.ownerProbe(store)) {
                longOne.awaitWhileRunning(RUN, () -> owner.chunkCommitted("funnelDay:"));
            }
            try (AutoCloseable held = holdLongRun()) {
                try (CliProcess shortOne = CliProcess.start(dir.resolve("logs"),
                        shortRun("transfer-speed", store, dir.resolve("out")))) {
                    assertThat(shortOne.waitFor(RUN)).as(shortOne.stderr()).isZero();
                }
                assertThat(longOne.isAlive()).as("the long run outlasts the short one").isTrue();
            }
            assertThat(longOne.waitFor(RUN)).as(longOne.stderr()).isZero();
        }
        assertThat(EmbeddedStores.serverPid(store)).isEmpty();
    }

    /**
     * The schedule's first run (the missed nightly run of a fresh store, caught up at once) is held on its source
     * until the hand run has ended, then completes: the store the hand run left stays up for the schedule. No wait
     * for a cron minute.
     */
    @Test
    void aScheduleStartedBesideAHandRunKeepsRunningAfterIt() throws Exception {
        Path store = dir.resolve("store");
        Path jobs = Files.createDirectories(dir.resolve("jobs"));
        Files.writeString(jobs.resolve("nightly-transfer.yml"), """
                kind: transfer-speed
                last: 60
                schedule:
                  cron: "* * * * *"
                """);
        try (CliProcess hand = CliProcess.start(dir.resolve("logs"), longRun(store, dir.resolve("out")))) {
            try (SqlProbe owner = EmbeddedStores.ownerProbe(store)) {
                hand.awaitWhileRunning(RUN, () -> owner.chunkCommitted("funnelDay:"));
            }
            AutoCloseable heldHand = holdLongRun();
            AutoCloseable heldSchedule = hold(deployments, "deployment_steps");
            try (CliProcess schedule = CliProcess.start(dir.resolve("logs"), "schedule", "--jobs-dir",
                    jobs.toString(), "--source-url", deployments, "--store-dir", store.toString(), "--out",
                    dir.resolve("scheduled").toString())) {
                schedule.awaitWhileRunning(RUN, () -> schedule.stderr().contains("nightly-transfer: run started"));
                assertThat(hand.isAlive()).as("the hand run still owns the store").isTrue();
                heldHand.close();
                assertThat(hand.waitFor(RUN)).as(hand.stderr()).isZero();
                assertThat(ended(schedule.stderr())).as("the scheduled run outlasts the hand run").isZero();
                heldSchedule.close();
                schedule.awaitWhileRunning(RUN, () -> schedule.stderr().lines().anyMatch(line ->
                        line.contains("nightly-transfer: run ") && !line.contains("nightly-transfer: run started")));
                assertThat(ended(schedule.stderr())).as(schedule.stderr()).isEqualTo(1);
                assertThat(schedule.stderr()).doesNotContain("exit 69");
                schedule.terminate();
                assertThat(schedule.waitFor(Duration.ofMinutes(2))).as(schedule.stderr()).isZero();
            }
        }
        assertThat(EmbeddedStores.serverPid(store)).isEmpty();
    }

    /** Holds every read of {@code table} for as long as it is open: an exclusive lock on it. */
    private static AutoCloseable hold(String url, String table) throws SQLException {
        Connection connection = DriverManager.getConnection(url);
        connection.setAutoCommit(false);
        try (Statement lock = connection.createStatement()) {
            lock.execute("lock table " + table + " in access exclusive mode");
        }
        return () -> {
            connection.rollback();
            connection.close();
        };
    }

    private static long ended(String log) {
        return log.lines().filter(line -> line.contains("nightly-transfer: run ended, exit 0")).count();
    }

    @Test
    void aKilledRunsServerStaysPrivateAndTheNextRunUsesAndStopsIt() {
        Path store = dir.resolve("store");
        String[] run = longRun(store, dir.resolve("out"));
        try (CliProcess killed = CliProcess.start(dir.resolve("logs"), run)) {
            try (SqlProbe owner = EmbeddedStores.ownerProbe(store)) {
                killed.awaitWhileRunning(RUN, () -> owner.chunkCommitted("funnelDay:"));
            }
            killed.kill();
        }
        long orphan = EmbeddedStores.serverPid(store).orElseThrow();
        List<String> listeners = EmbeddedStores.listeners(orphan);
        assertThat(listeners).isNotEmpty();
        for (String listener : listeners) {
            var nobody = EmbeddedStores.psqlAsNobody(listener);
            assertThat(nobody.exitCode()).as(listener + ": " + nobody.output()).isNotZero();
        }
        try (CliProcess next = CliProcess.start(dir.resolve("logs"), run)) {
            assertThat(next.waitFor(RUN)).as(next.stderr()).isZero();
        }
        // Stopped, and gone once the machine's init has reaped it.
        ProcessHandle.of(orphan).ifPresent(server -> assertThat(server.onExit()).succeedsWithin(Duration.ofSeconds(30)));
        assertThat(EmbeddedStores.serverPid(store)).isEmpty();
    }

    @Test
    void refusesTheDataFolderOfARunningPostgresAndLeavesItAlone() throws IOException {
        var server = TestDatabase.jdbc(TestDatabase.seededSourceUrl());
        Path data = Path.of(server.queryForObject("show data_directory", String.class));
        long pid = server.queryForObject("select pg_backend_pid()", Long.class);
        List<String> before = listing(data);

        CliRun refused = CliRun.of(List.of(shortRun("onboarding-funnel", data, dir.resolve("out"))));

        assertThat(refused.exitCode()).isEqualTo(ExitCodes.CANNOT_CREATE);
        assertThat(refused.err().strip()).doesNotContain("\n").contains(data.toString(), "did not make");
        assertCheckRefuses(data);
        assertThat(listing(data)).isEqualTo(before);
        assertThat(server.queryForObject("select count(*) from pg_stat_activity where pid <> ?", Integer.class, pid))
                .as("the server still answers").isNotNull();
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void refusesAFolderThatIsNotAStore() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("photos"));
        Files.writeString(folder.resolve("holiday.jpg"), "not a store");
        CliRun refused = CliRun.of(List.of(shortRun("onboarding-funnel", folder, dir.resolve("out"))));
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.CANNOT_CREATE);
        assertThat(refused.err().strip()).doesNotContain("\n").contains(folder.toString(), "not a progress-reports store");
        assertCheckRefuses(folder);
        assertThat(listing(folder)).containsExactly("holiday.jpg");
    }

    /** check says what run says of a folder that is not a store: exit 73, in its store line. */
    private static void assertCheckRefuses(Path folder) {
        CliRun check = CliRun.of(List.of("check", "--source-url", TestDatabase.seededSourceUrl(), "--store-dir",
                folder.toString()));
        assertThat(check.exitCode()).as(check.out() + check.err()).isEqualTo(ExitCodes.CANNOT_CREATE);
        assertThat(check.lines()).filteredOn(line -> line.startsWith("error  store: --store-dir " + folder))
                .hasSize(1);
    }

    @Test
    void historyAndCheckDoNotCreateAStore() {
        Path typo = dir.resolve("stroe");
        CliRun history = CliRun.of(List.of("history", "--store-dir", typo.toString()));
        assertThat(history.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(history.err().strip()).doesNotContain("\n").contains("no store at " + typo);
        CliRun check = CliRun.of(List.of("check", "--source-url", TestDatabase.seededSourceUrl(), "--store-dir",
                typo.toString()));
        assertThat(check.exitCode()).isNotZero();
        assertThat(check.out() + check.err()).contains("no store at " + typo);
        assertThat(typo).doesNotExist();
    }

    private static List<String> listing(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return new ArrayList<>(files.map(path -> path.getFileName().toString()).sorted().toList());
        }
    }
}
