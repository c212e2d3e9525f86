package io.progressreports.faults;

import io.progressreports.CliRun;
import io.progressreports.TestDatabase;
import io.progressreports.failure.ExitCodes;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.progressreports.OracleChecks.readCsv;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Source tables shaped as real ones are, each the case that failed before: a column of a type the job cannot read
 * (exit 70 after reading, or an internal message), more than 63 action columns (exit 70 after reading), and a view
 * whose unrelated {@code last_login_at} became an action.
 */
class SourceColumnsTest {

    private static final String FROM = "2026-09-01";
    private static final String TO = "2026-09-30";
    private static final List<String> QUALITY = List.of("check", "action", "findings", "rows_checked", "share",
            "effect");
    private static final List<String> COMPLETION = List.of("cohort_start", "cohort_end", "action", "age_days",
            "namespaces", "completed", "completion_rate", "mature", "partial");

    @TempDir
    Path dir;

    private CliRun run(String job, String source, String... extra) {
        var args = new ArrayList<>(List.of("run", job, "--source-url", source, "--store-url",
                TestDatabase.newStoreUrl(), "--out", dir.resolve("out").toString(), "--from", FROM, "--to", TO,
                "--as-of", "2026-11-01T00:00:00Z", "--latest"));
        args.addAll(List.of(extra));
        return CliRun.of(args);
    }

    private static List<String> errors(CliRun run) {
        return run.err().lines().filter(line -> line.startsWith("progress-reports: ")).toList();
    }

    @Test
    void aColumnOfATypeTheReaderCannotTakeIsExit64InOneLineBeforeAnyRowIsRead() {
        for (String[] alteration : new String[][] {
                {"onboarding-funnel", "alter table onboarding_progresses alter column created_at type text",
                        "table public.onboarding_progresses column 'created_at' is text, not a timestamp"},
                {"onboarding-funnel", "alter table onboarding_progresses alter column created_at type date",
                        "table public.onboarding_progresses column 'created_at' is date, not a timestamp"},
                {"transfer-speed", "alter table deployment_steps alter column step type integer using 0",
                        "table public.deployment_steps column 'step' is integer, not text (text, varchar or char)"},
                {"transfer-speed", "alter table deployment_steps alter column completed_items type text",
                        "table public.deployment_steps column 'completed_items' is text, not a number (smallint, "
                                + "integer, bigint or numeric)"},
                {"transfer-speed", "alter table deployment_step_timings alter column finished_at type text",
                        "table public.deployment_step_timings column 'finished_at' is text, not a timestamp"}}) {
            String source = TestDatabase.newSourceUrl(200, 5, 60);
            TestDatabase.jdbc(source).execute(alteration[1]);

            CliRun run = run(alteration[0], source);

            assertThat(run.exitCode()).as(alteration[1] + "\n" + run.err()).isEqualTo(ExitCodes.USAGE);
            assertThat(errors(run)).as(alteration[1]).containsExactly("progress-reports: " + alteration[2]);
            assertThat(dir.resolve("out")).doesNotExist();
        }
    }

    /** Seventy more action columns than GitLab's sixteen: bit 64 and later must count like the first. */
    @Test
    void moreThan63ActionColumnsAreReadAndCounted() throws IOException {
        String source = TestDatabase.newSourceUrl(1_000, 0, 60);
        JdbcTemplate jdbc = TestDatabase.jdbc(source);
        jdbc.execute("alter table onboarding_progresses " + IntStream.rangeClosed(1, 70)
                .mapToObj(i -> "add column extra_" + i + "_at timestamptz").collect(Collectors.joining(", ")));
        // extra_70 (the 86th action) before creation on every third row, after as-of on every fifth.
        jdbc.update("update onboarding_progresses set extra_70_at = case when id % 3 = 0 "
                + "then created_at - interval '1 hour' when id % 5 = 0 then timestamptz '2027-01-01' end, "
                + "extra_69_at = created_at + interval '2 days'");

        CliRun run = run("onboarding-funnel", source);

        assertThat(run.exitCode()).as(run.err()).isZero();
        Path report = dir.resolve("out/onboarding-funnel/latest");
        List<CSVRecord> quality = readCsv(report.resolve("data_quality.csv"), QUALITY);
        String inRange = " from onboarding_progresses where created_at >= '" + FROM + "' and created_at < '2026-10-01'";
        assertThat(findings(quality, "action_before_creation", "extra_70")).isEqualTo(jdbc.queryForObject(
                "select count(*)" + inRange + " and extra_70_at < created_at", Long.class));
        assertThat(findings(quality, "action_after_as_of", "extra_70")).isEqualTo(jdbc.queryForObject(
                "select count(*)" + inRange + " and extra_70_at > '2026-11-01T00:00:00Z'", Long.class));
        long completedWithinAWeek = readCsv(report.resolve("completion_by_age.csv"), COMPLETION).stream()
                .filter(row -> row.get("action").equals("extra_69") && row.get("age_days").equals("7"))
                .mapToLong(row -> Long.parseLong(row.get("completed"))).sum();
        assertThat(completedWithinAWeek).isEqualTo(jdbc.queryForObject("select count(*)" + inRange, Long.class));
    }

    private static long findings(List<CSVRecord> quality, String check, String action) {
        return quality.stream().filter(row -> row.get("check").equals(check) && row.get("action").equals(action))
                .mapToLong(row -> Long.parseLong(row.get("findings"))).findFirst().orElseThrow();
    }

    /** Through a view, a listed set of actions is read and nothing else; without the list, the catalog rule. */
    @Test
    void aJobFileListsItsActionsSoAViewsOtherTimestampsAreNoActions() throws IOException {
        String source = TestDatabase.newSourceUrl(1_000, 0, 60);
        TestDatabase.jdbc(source).execute("create view signups as select p.*, p.created_at + interval '3 days' "
                + "as last_login_at from onboarding_progresses p");
        Path jobs = Files.createDirectories(dir.resolve("jobs"));
        Files.writeString(jobs.resolve("listed.yml"), "kind: funnel\ntable: signups\nsteps: [git_write]\n"
                + "actions: [git_write, merge_request_created]\n");
        Files.writeString(jobs.resolve("catalog.yml"), "kind: funnel\ntable: signups\nsteps: [git_write]\n");
        Files.writeString(jobs.resolve("table.yml"), "kind: funnel\nsteps: [git_write]\n"
                + "actions: [git_write, merge_request_created]\n");

        for (String job : List.of("listed", "catalog", "table")) {
            CliRun run = run(job, source, "--jobs-dir", jobs.toString());
            assertThat(run.exitCode()).as(job + run.err()).isZero();
        }

        assertThat(actions(report("listed"))).containsExactly("git_write", "merge_request_created");
        assertThat(actions(report("catalog"))).contains("git_write", "last_login");
        for (String file : List.of("funnel.csv", "completion_by_age.csv", "data_quality.csv")) {
            assertThat(Files.readAllBytes(report("listed").resolve(file))).as(file)
                    .isEqualTo(Files.readAllBytes(report("table").resolve(file)));
        }
    }

    @Test
    void aStepThatIsNotAmongTheActionsIsExit64NamingTheFileAndLine() throws IOException {
        Path jobs = Files.createDirectories(dir.resolve("jobs"));
        Path file = Files.writeString(jobs.resolve("bad.yml"), "kind: funnel\nsteps: [git_write, trial_started]\n"
                + "actions: [git_write]\n");

        CliRun run = run("bad", TestDatabase.seededSourceUrl(), "--jobs-dir", jobs.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(errors(run)).containsExactly("progress-reports: " + file + " line 2: step 'trial_started' is not "
                + "in actions");
    }

    private Path report(String job) {
        return dir.resolve("out").resolve(job).resolve("latest");
    }

    private static List<String> actions(Path report) throws IOException {
        return readCsv(report.resolve("completion_by_age.csv"), COMPLETION).stream().map(row -> row.get("action"))
                .distinct().toList();
    }
}
