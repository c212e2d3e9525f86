package io.progressreports.faults;

import io.progressreports.TestDatabase;
import io.progressreports.cli.ProgressReportsCommand;
import io.progressreports.report.Manifest;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.progressreports.OracleChecks.assertNoProblems;
import static io.progressreports.OracleChecks.check;
import static io.progressreports.OracleChecks.readCsv;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The funnel job over a corpus holding every anomaly class of design.md's funnel semantics in known numbers
 * (src/test/resources/faults/funnel-corpus.sql): each is handled as the design says, the figures match SQL
 * written from the design, and no row is lost: every row of a computed day is used or rejected, and rows of no
 * day (NULL created_at) are counted and reported.
 */
class FunnelBadDataCorpusTest {

    private static final String AS_OF = "2026-10-20 00:00:00+00";
    private static final String WINDOW = "2 days";
    private static final List<String> STEPS = List.of("git_write", "merge_request_created", "pipeline_created");

    private static String sourceUrl;
    private static JdbcTemplate source;

    @TempDir
    static Path out;

    @BeforeAll
    static void createCorpus() throws IOException {
        sourceUrl = Corpus.create("funnel-corpus.sql");
        source = TestDatabase.jdbc(sourceUrl);
    }

    @Test
    void sequentialFunnelOverTheCorpusMatchesSqlAndLosesNoRow() throws IOException {
        Path report = run("sequential", "onboarding_copy", "sequential", "--dropoffs");
        assertMatchesSql("sequential", report, "onboarding_copy", true);
        assertThat(dataLines(report.resolve("dropoffs.csv"))).as("one dropoff per row short of the last step")
                .isEqualTo(count("onboarding_copy", inRange() + " and namespace_id is not null and not coalesce("
                        + reached(STEPS.size(), true) + ", false)"));
    }

    @Test
    void anyOrderFunnelOverTheCorpusMatchesSql() throws IOException {
        Path report = run("any", "onboarding_copy", "any");
        assertMatchesSql("any", report, "onboarding_copy", false);
    }

    @Test
    void rowsWithoutCreatedAtAreCountedAsUnplacedAndReported() throws IOException {
        Path report = run("view", "onboarding_nulls", "sequential");
        assertMatchesSql("view", report, "onboarding_nulls", true);
        Map<String, Object> rows = map(Manifest.read(report.resolve(Manifest.FILE)).get("rows"));
        assertThat(((Number) rows.get("unplaced")).longValue()).as("rows.unplaced").isEqualTo(2);
        assertThat(finding(report, "created_at_missing", "")).isEqualTo(2);
    }

    @Test
    void aTableWhoseCreatedAtIsNotNullReportsNoUnplacedRows() throws IOException {
        Path report = run("table", "onboarding_copy", "sequential");
        Map<String, Object> rows = map(Manifest.read(report.resolve(Manifest.FILE)).get("rows"));
        assertThat(((Number) rows.get("unplaced")).longValue()).isZero();
        assertThat(finding(report, "created_at_missing", "")).isZero();
    }

    private static Path run(String name, String table, String order, String... flags) {
        Path dir = out.resolve(name);
        var args = new ArrayList<>(List.of("run", "onboarding-funnel", "--jobs-dir",
                Path.of("jobs").toAbsolutePath().toString(), "--source-url", sourceUrl, "--store-url",
                TestDatabase.newStoreUrl(), "--out", dir.toString(), "--from", "2026-10-01", "--to",
                "2026-10-31", "--as-of", "2026-10-20T00:00:00Z", "--grain", "day", "--window", "2d", "--order",
                order, "--steps", String.join(",", STEPS), "--table", table,
                // The corpus is bad on purpose: far more rejects than the job file's threshold allows.
                "--max-reject-rate", "100%", "--latest"));
        args.addAll(List.of(flags));
        assertThat(ProgressReportsCommand.execute(args.toArray(String[]::new))).as(name).isZero();
        return dir.resolve("onboarding-funnel/latest");
    }

    private static void assertMatchesSql(String name, Path report, String table, boolean sequential)
            throws IOException {
        var problems = new ArrayList<String>();
        Map<String, Object> manifest = Manifest.read(report.resolve(Manifest.FILE));
        checkComputedDays(table, manifest, problems);
        Map<String, Object> rows = map(manifest.get("rows"));
        check(problems, "manifest rows.read", number(rows.get("read")), count(table, inRange()));
        check(problems, "manifest rows.rejected", number(rows.get("rejected")),
                count(table, inRange() + " and namespace_id is null"));

        List<CSVRecord> summary = readCsv(report.resolve("funnel_summary.csv"),
                List.of("cohort_start", "cohort_end", "step_number", "step", "namespaces", "conversion_from_start",
                        "conversion_from_previous", "median_hours_to_step", "p90_hours_to_step", "mature",
                        "partial"));
        for (int step = 0; step <= STEPS.size(); step++) {
            check(problems, "funnel_summary step " + (step + 1), Long.parseLong(summary.get(step).get("namespaces")),
                    count(table, inRange() + " and namespace_id is not null and " + reached(step, sequential)));
        }
        for (int k = 0; k < STEPS.size(); k++) {
            String column = STEPS.get(k) + "_at";
            check(problems, "action_before_creation " + STEPS.get(k), finding(report, "action_before_creation",
                    STEPS.get(k)), count(table, inRange() + " and namespace_id is not null and " + column
                    + " < created_at and " + column + " <= '" + AS_OF + "'"));
            check(problems, "action_after_as_of " + STEPS.get(k), finding(report, "action_after_as_of", STEPS.get(k)),
                    count(table, inRange() + " and namespace_id is not null and " + column + " > '" + AS_OF + "'"));
        }
        assertNoProblems(name, problems);
    }

    /** Every computed day of the manifest: read = used + rejected, each as SQL counts the day's rows. */
    private static void checkComputedDays(String table, Map<String, Object> manifest, List<String> problems) {
        List<?> days = (List<?>) manifest.get("computed_days");
        assertThat(days).as("computed days").hasSize(20);
        for (Object entry : days) {
            Map<String, Object> day = map(entry);
            String where = "created_at >= date '" + day.get("day") + "' and created_at < date '" + day.get("day")
                    + "' + 1 and created_at <= '" + AS_OF + "'";
            long read = number(day.get("read"));
            check(problems, day.get("day") + " read", read, count(table, where));
            check(problems, day.get("day") + " used", number(day.get("used")),
                    count(table, where + " and namespace_id is not null"));
            check(problems, day.get("day") + " read = used + rejected", read,
                    number(day.get("used")) + number(day.get("rejected")));
        }
    }

    /**
     * design.md's step rule in SQL: an action counts if at or before as-of, at creation if earlier; step k needs
     * step k-1, its action within the window and, in sequential order, no earlier than step k-1's time.
     */
    private static String reached(int step, boolean sequential) {
        var conditions = new ArrayList<String>();
        String previous = "created_at";
        for (int k = 0; k < step; k++) {
            String at = "greatest(" + STEPS.get(k) + "_at, created_at)";
            conditions.add(STEPS.get(k) + "_at <= '" + AS_OF + "' and " + at + " - created_at <= interval '"
                    + WINDOW + "'" + (sequential ? " and " + at + " >= " + previous : ""));
            previous = at;
        }
        return conditions.isEmpty() ? "true" : "(" + String.join(" and ", conditions) + ")";
    }

    /** Rows of the run's cohorts: created in the range, at or before as-of. */
    private static String inRange() {
        return "created_at >= '2026-10-01 00:00+00' and created_at < '2026-11-01 00:00+00' and created_at <= '"
                + AS_OF + "'";
    }

    private static long count(String table, String where) {
        return source.queryForObject("select count(*) from " + table + " where " + where, Long.class);
    }

    private static long finding(Path report, String check, String action) throws IOException {
        return readCsv(report.resolve("data_quality.csv"), List.of("check", "action", "findings", "rows_checked",
                "share", "effect")).stream()
                .filter(row -> row.get("check").equals(check) && row.get("action").equals(action))
                .mapToLong(row -> Long.parseLong(row.get("findings")))
                .findFirst().orElse(-1);
    }

    private static long dataLines(Path csv) throws IOException {
        return Files.readAllLines(csv, StandardCharsets.UTF_8).size() - 1L;
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
