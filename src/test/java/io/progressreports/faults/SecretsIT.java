package io.progressreports.faults;

import io.progressreports.CliProcess;
import io.progressreports.TestDatabase;
import io.progressreports.failure.ExitCodes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The source and store passwords, given as the environment or as password files, appear nowhere the program
 * writes: not on stdout or stderr (its log), not in any report file (CSV, PNG, manifest), not in the store's
 * tables (job parameters, execution contexts, exit messages), whether the run succeeds, fails or is stopped. The
 * roles really need them: the server asks these two for a password (scram-sha-256) and trusts nobody else.
 */
class SecretsIT {

    /** Distinctive, so that finding either anywhere cannot be a coincidence. */
    private static final String SOURCE_PASSWORD = "Pw-7f3a9c-SECRET";
    private static final String STORE_PASSWORD = "Pw-2e8b4d-STORE";
    private static final String SOURCE_ROLE = "secrets_reader";
    private static final String STORE_ROLE = "secrets_writer";
    private static final Map<String, String> PASSWORDS = Map.of("REPORTS_SOURCE_PASSWORD", SOURCE_PASSWORD,
            "REPORTS_STORE_PASSWORD", STORE_PASSWORD);
    /** A cell of Spring Batch's execution context: Java serialisation in Base64, which would hide a password. */
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]{16,}={0,2}");
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);

    @TempDir
    Path dir;

    private static String source;

    @BeforeAll
    static void rolesThatNeedTheirPasswords() {
        String url = TestDatabase.newSourceUrl(2_000, 20, 30);
        TestDatabase.passwordRole(SOURCE_ROLE, SOURCE_PASSWORD);
        TestDatabase.jdbc(url).execute("grant select on all tables in schema public to " + SOURCE_ROLE);
        source = as(SOURCE_ROLE, url);
        TestDatabase.passwordRole(STORE_ROLE, STORE_PASSWORD);
    }

    /** A new store database that the store role migrates and writes, as itself. */
    private static String newStore() {
        String url = TestDatabase.newDatabaseUrl();
        TestDatabase.jdbc(url).execute("grant create on schema public to " + STORE_ROLE);
        return as(STORE_ROLE, url);
    }

    /** TestDatabase's URLs connect as the superuser postgres, with no password. */
    private static String as(String role, String url) {
        return url.replace("user=postgres", "user=" + role);
    }

    @Test
    void runsOfBothJobsWithPasswordsFromTheEnvironmentOrFilesShowThemNowhere() throws IOException {
        String store = newStore();
        Map<String, String> files = Map.of(
                "REPORTS_SOURCE_PASSWORD_FILE", file("source-password", SOURCE_PASSWORD).toString(),
                "REPORTS_STORE_PASSWORD_FILE", file("store-password", STORE_PASSWORD).toString());

        assertThat(finish(run(PASSWORDS, "onboarding-funnel", source, store))).isEqualTo(ExitCodes.OK);
        assertThat(finish(run(files, "transfer-speed", source, store))).isEqualTo(ExitCodes.OK);

        assertThat(out().resolve("onboarding-funnel/latest/manifest.json")).exists();
        assertThat(out().resolve("transfer-speed/latest/transfer_speed.png")).exists();
        // The search reads the serialised execution contexts: the published folder is kept in them.
        assertThat(storeText(store)).contains(out().resolve("transfer-speed/latest").toRealPath().toString());
        assertNoPasswordInStore(store);
    }

    @Test
    void failedRunsShowThePasswordsNowhere() {
        // Side by side, as each mostly waits for a connection to fail: the two that reach their store each have
        // one of their own, since one run of a job at a time is allowed per store.
        String store = newStore();
        String otherStore = newStore();
        String unreachable = as(SOURCE_ROLE, "jdbc:postgresql://127.0.0.1:1/none?user=postgres&connectTimeout=2");
        // A wrong password that starts with the right one: any echo of it would show the right one too.
        var wrongSource = new HashMap<>(PASSWORDS);
        wrongSource.put("REPORTS_SOURCE_PASSWORD", SOURCE_PASSWORD + "-wrong");
        var wrongStore = new HashMap<>(PASSWORDS);
        wrongStore.put("REPORTS_STORE_PASSWORD", STORE_PASSWORD + "-wrong");

        CliProcess unreachableSource = run(PASSWORDS, "onboarding-funnel", unreachable, store);
        CliProcess wrongSourcePassword = run(wrongSource, "onboarding-funnel", source, otherStore);
        CliProcess wrongStorePassword = run(wrongStore, "transfer-speed", source, store);
        assertThat(finish(unreachableSource)).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(finish(wrongSourcePassword)).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(finish(wrongStorePassword)).isEqualTo(ExitCodes.UNAVAILABLE);
        assertNoPasswordInStore(store);
        assertNoPasswordInStore(otherStore);
    }

    @Test
    void checkAndHistoryShowThePasswordsNowhere() {
        String store = newStore();
        assertThat(finish(run(PASSWORDS, "onboarding-funnel", source, store))).isEqualTo(ExitCodes.OK);

        assertThat(finish(start(PASSWORDS, "check", "--source-url", source, "--store-url", store, "--out",
                out().toString()))).isIn(ExitCodes.OK, ExitCodes.USAGE);
        assertThat(finish(start(PASSWORDS, "history", "--store-url", store))).isEqualTo(ExitCodes.OK);
        assertThat(finish(start(PASSWORDS, "history", "--csv", "--store-url", store))).isEqualTo(ExitCodes.OK);
    }

    @Test
    void theHelpOfEveryCommandShowsThePasswordsNowhere() {
        // Side by side: each is a JVM starting and printing, which waits more than it computes.
        var helps = new LinkedHashMap<String, CliProcess>();
        for (String command : List.of("", "run", "schedule", "history", "check", "demo", "seed")) {
            var args = new ArrayList<String>();
            if (!command.isEmpty()) {
                args.add(command);
            }
            args.add("--help");
            helps.put(command, start(PASSWORDS, args.toArray(String[]::new)));
        }
        helps.forEach((command, help) -> assertThat(finish(help)).as(command).isEqualTo(ExitCodes.OK));
    }

    @Test
    void aScheduleStoppedBySigtermShowsThePasswordsNowhere() throws IOException {
        String store = newStore();
        Path jobs = Files.createDirectories(dir.resolve("jobs"));
        Files.writeString(jobs.resolve("nightly-funnel.yml"), """
                kind: funnel
                steps: [git_write, pipeline_created]
                last: 7
                schedule:
                  cron: "30 2 * * *"
                """);
        CliProcess schedule = start(PASSWORDS, "schedule", "--jobs-dir", jobs.toString(), "--source-url", source,
                "--store-url", store, "--out", out().toString());
        try (schedule) {
            // A fresh store: the missed nightly run is caught up first, then the schedule waits.
            schedule.awaitWhileRunning(RUN_TIMEOUT, () -> schedule.stderr().contains("next run at"));
            schedule.terminate();
            assertThat(finish(schedule)).isEqualTo(ExitCodes.OK);
        }
        assertThat(schedule.stderr()).contains("nightly-funnel: run ended, exit 0");
        assertNoPasswordInStore(store);
    }

    private CliProcess run(Map<String, String> environment, String job, String sourceUrl, String store) {
        return start(environment, "run", job, "--source-url", sourceUrl, "--store-url", store, "--out",
                out().toString(), "--as-of", "2026-11-01T00:00:00Z", "--last", "14");
    }

    private CliProcess start(Map<String, String> environment, String... args) {
        return CliProcess.start(dir.resolve("logs"), environment, args);
    }

    /**
     * Waits for the process, then searches what it printed and every file it wrote; returns its exit code. The
     * report files are searched as bytes, so the PNGs' text chunks count too.
     */
    private int finish(CliProcess process) {
        try (process) {
            int exit = process.waitFor(RUN_TIMEOUT);
            assertNoPassword("stdout", process.stdout());
            assertNoPassword("stderr", process.stderr());
            assertNoPasswordInFiles();
            return exit;
        }
    }

    private void assertNoPasswordInFiles() {
        if (!Files.exists(out())) {
            return;
        }
        try (var files = Files.walk(out())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertNoPassword(file.toString(), new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertNoPasswordInStore(String store) {
        assertNoPassword("the store's tables", storeText(store));
    }

    /** Every cell of every table in the store, Spring Batch's and the reports' own, and decoded where Base64. */
    private static String storeText(String store) {
        JdbcTemplate jdbc = TestDatabase.jdbc(store.replace("user=" + STORE_ROLE, "user=postgres"));
        List<String> tables = jdbc.queryForList(
                "select tablename from pg_tables where schemaname = 'public'", String.class);
        assertThat(tables).contains("batch_job_execution_params", "batch_job_execution_context",
                "batch_step_execution_context", "batch_job_execution", "batch_step_execution");
        var text = new StringBuilder();
        for (String table : tables) {
            for (String row : jdbc.queryForList("select t::text from \"" + table + "\" t", String.class)) {
                text.append(row).append('\n');
                BASE64.matcher(row).results().forEach(match -> text.append(decoded(match.group())).append('\n'));
            }
        }
        return text.toString();
    }

    /** A run of Base64 letters, as bytes; a word that only looks like Base64 comes out as noise, which is fine. */
    private static String decoded(String base64) {
        String whole = base64.replace("=", "");
        whole = whole.substring(0, whole.length() - whole.length() % 4);
        return new String(Base64.getDecoder().decode(whole), StandardCharsets.ISO_8859_1);
    }

    private static void assertNoPassword(String where, String text) {
        assertThat(text).as(where).doesNotContain(SOURCE_PASSWORD).doesNotContain(STORE_PASSWORD);
    }

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content + "\n");
    }

    private Path out() {
        return dir.resolve("out");
    }
}
