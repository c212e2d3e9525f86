package io.progressreports.cli;

import io.progressreports.CliProcess;
import io.progressreports.TestDatabase;
import io.progressreports.failure.ExitCodes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
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

/**
 * Settings as Spring users expect them, seen from a real process: flags over environment variables over
 * application.yml (working directory over install folder), and passwords from the environment or a file, never
 * shown. Where a setting wins is told by an unreachable source URL: the run fails with 69 if it was taken.
 */
class SettingsIT {

    /** Distinctive, so that finding it anywhere in the output cannot be a coincidence. */
    private static final String PASSWORD = "Pw-planted-7f1d9c";
    private static final String ROLE = "progress_reader";
    private static final String UNREACHABLE = "jdbc:postgresql://127.0.0.1:1/none?connectTimeout=2";
    private static final Path JOBS = Path.of("jobs").toAbsolutePath();

    @TempDir
    Path dir;

    private static String source;
    private Path workingDirectory;
    private Path installFolder;

    @BeforeAll
    static void aRoleThatNeedsItsPassword() {
        source = TestDatabase.seededSourceUrl();
        TestDatabase.passwordRole(ROLE, PASSWORD);
        TestDatabase.jdbc(source).execute("grant select on all tables in schema public to " + ROLE);
    }

    @BeforeEach
    void folders() throws IOException {
        workingDirectory = Files.createDirectories(dir.resolve("work"));
        installFolder = Files.createDirectories(dir.resolve("install"));
    }

    private Map<String, String> withInstallFolder(Map<String, String> properties) {
        var all = new java.util.HashMap<>(properties);
        all.put(SettingsFiles.INSTALL_FOLDER_PROPERTY, installFolder.toString());
        return all;
    }

    private CliProcess run(Map<String, String> environment, String... flags) {
        return run(Map.of(), environment, flags);
    }

    private CliProcess run(Map<String, String> properties, Map<String, String> environment, String... flags) {
        var args = new ArrayList<>(List.of("run", "onboarding-funnel", "--date", "2026-09-01", "--as-of",
                "2026-11-01T00:00:00Z", "--jobs-dir", JOBS.toString(), "--out", dir.resolve("out").toString()));
        args.addAll(List.of(flags));
        return CliProcess.start(dir.resolve("logs"), workingDirectory,
                withInstallFolder(properties), environment,
                args.toArray(String[]::new));
    }

    private static int exit(CliProcess run) {
        return run.waitFor(Duration.ofMinutes(2));
    }

    private void yml(Path folder, String sourceUrl, String storeUrl) throws IOException {
        var lines = new ArrayList<>(List.of("reports:"));
        if (sourceUrl != null) {
            lines.addAll(List.of("  source:", "    url: \"" + sourceUrl + "\""));
        }
        if (storeUrl != null) {
            lines.addAll(List.of("  store:", "    url: \"" + storeUrl + "\""));
        }
        Files.createDirectories(folder);
        Files.write(folder.resolve("application.yml"), lines);
    }

    private static String roleUrl() {
        return source.replace("user=postgres", "user=" + ROLE);
    }

    @Test
    void flagsBeatEnvironmentVariables() throws IOException {
        try (CliProcess run = run(Map.of("REPORTS_SOURCE_URL", UNREACHABLE), "--source-url", source, "--store-url",
                TestDatabase.newStoreUrl())) {
            assertThat(exit(run)).as(run.stderr()).isZero();
        }
    }

    @Test
    void environmentVariablesBeatApplicationYml() throws IOException {
        yml(workingDirectory, UNREACHABLE, null);
        try (CliProcess run = run(Map.of("REPORTS_SOURCE_URL", source, "REPORTS_STORE_URL",
                TestDatabase.newStoreUrl()))) {
            assertThat(exit(run)).as(run.stderr()).isZero();
        }
    }

    @Test
    void applicationYmlInTheWorkingDirectoryAloneIsEnough() throws IOException {
        yml(workingDirectory, source, TestDatabase.newStoreUrl());
        try (CliProcess run = run(Map.of())) {
            assertThat(exit(run)).as(run.stderr()).isZero();
            assertThat(run.stdout()).startsWith("report: ");
        }
    }

    @Test
    void applicationYmlInTheInstallFolderIsReadAndTheWorkingDirectoryOneBeatsIt() throws IOException {
        yml(installFolder, UNREACHABLE, TestDatabase.newStoreUrl());
        try (CliProcess run = run(Map.of())) {
            assertThat(exit(run)).as("the install folder's source is taken").isEqualTo(ExitCodes.UNAVAILABLE);
        }
        yml(workingDirectory, source, null);
        try (CliProcess run = run(Map.of())) {
            assertThat(exit(run)).as(run.stderr()).isZero();
        }
    }

    @Test
    void aPasswordFileGivesThePasswordAndNeverShowsIt() throws IOException {
        Path file = Files.writeString(dir.resolve("source-password"), PASSWORD + "\n");
        try (CliProcess run = run(Map.of("REPORTS_SOURCE_PASSWORD_FILE", file.toString()), "--source-url",
                roleUrl(), "--store-url", TestDatabase.newStoreUrl())) {
            assertThat(exit(run)).as(run.stderr()).isZero();
            assertThat(run.stdout() + run.stderr()).doesNotContain(PASSWORD);
        }
    }

    @Test
    void aWrongPasswordIsExit69InOneLineThatDoesNotShowIt() throws IOException {
        String wrong = PASSWORD + "-wrong";
        try (CliProcess run = run(Map.of("REPORTS_SOURCE_PASSWORD", wrong), "--source-url", roleUrl(),
                "--store-url", TestDatabase.newStoreUrl())) {
            assertThat(exit(run)).as(run.stderr()).isEqualTo(ExitCodes.UNAVAILABLE);
            assertThat(run.stderr().lines().filter(line -> line.startsWith("progress-reports:")).toList())
                    .singleElement().asString().contains("password authentication failed");
            assertThat(run.stdout() + run.stderr()).doesNotContain(PASSWORD);
        }
    }

    @Test
    void aWrongPasswordInTheUrlIsNotShownEither() throws IOException {
        try (CliProcess run = run(Map.of(), "--source-url", roleUrl() + "&password=" + PASSWORD + "-wrong",
                "--store-url", TestDatabase.newStoreUrl())) {
            assertThat(exit(run)).as(run.stderr()).isEqualTo(ExitCodes.UNAVAILABLE);
            assertThat(run.stdout() + run.stderr()).doesNotContain(PASSWORD);
        }
    }

    @Test
    void anUnreadablePasswordFileIsExit64NamingTheFile() throws IOException {
        Path missing = dir.resolve("no-such-password-file");
        try (CliProcess run = run(Map.of("REPORTS_SOURCE_PASSWORD_FILE", missing.toString()), "--source-url",
                roleUrl(), "--store-url", TestDatabase.newStoreUrl())) {
            assertThat(exit(run)).as(run.stderr()).isEqualTo(ExitCodes.USAGE);
            assertThat(run.stderr().lines().filter(line -> line.startsWith("progress-reports:")).toList())
                    .singleElement().asString().contains(missing.toString());
        }
    }

    /** In both of Spring's modes: the launcher starts the application in AOT mode, whose context is another class. */
    @ParameterizedTest(name = "AOT mode {0}")
    @ValueSource(booleans = {false, true})
    void aBadValueFromTheEnvironmentIsExit64InOneLineNamingTheSetting(boolean aot) {
        try (CliProcess run = run(Map.of("spring.aot.enabled", Boolean.toString(aot)),
                Map.of("REPORTS_PROGRESS_INTERVAL", "5x"), "--source-url", source, "--store-url",
                TestDatabase.newStoreUrl())) {
            assertThat(exit(run)).as(run.stderr()).isEqualTo(ExitCodes.USAGE);
            assertThat(run.stderr().lines().toList()).singleElement().asString()
                    .startsWith("progress-reports: ").contains("reports.progress-interval");
        }
    }
}
