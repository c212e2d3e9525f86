package io.progressreports.alert;

import io.progressreports.CliRun;
import io.progressreports.TestDatabase;
import io.progressreports.failure.ExitCodes;
import io.progressreports.history.RunRow;
import io.progressreports.report.Column;
import io.progressreports.report.Manifest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Alert rules through real runs on PostgreSQL, on data built so that each rule's figure sits a hair below or above
 * its limit: a broken rule publishes the report with alerts.csv, logs one ALERT line, exits 3 and is recorded as
 * exit 3 of a COMPLETED execution; a kept one exits 0 with an empty alerts.csv. The webhook gets the alerts as
 * JSON; one that answers 500 or hangs costs the run nothing but a log line, which never names the URL.
 */
class AlertRunsTest {

    private static final String AS_OF = "2026-11-01T00:00:00Z";
    private static final String SECRET = "s3cr3t-token";
    private static final String HOOK_PATH = "/hooks/T000/B000/" + SECRET;
    private static final String MEDIAN_RULE = "items_per_second below 80% of the 28-day median";
    /** The setting that bounds each webhook attempt, as a system property (the environment's highest source). */
    private static final String WEBHOOK_TIMEOUT = "reports.alert-webhook-timeout";
    private static final String TRANSFERS_RANGE = "2026-10-03_2026-10-31";

    @TempDir
    Path work;

    @RegisterExtension
    final LocalHook hook = new LocalHook();

    @AfterEach
    void stop() {
        System.clearProperty(WEBHOOK_TIMEOUT);
        System.clearProperty("ALERTS_TEST_WEBHOOK");
    }

    @Test
    void aTrailingMedianRuleBreaksJustBelowItsLimitWhateverTheGrain() throws IOException {
        // 28 days at 100 items/s, median 100, limit 80; the latest day at 79.99.
        String source = dailyTransfers(7999);
        jobFile("speed", "kind: transfer-speed\ngrain: day\nalerts:\n  rules:\n    - " + MEDIAN_RULE + "\n");
        String store = TestDatabase.newStoreUrl();

        CliRun below = run("speed", source, store, "--from", "2026-10-03", "--to", "2026-10-31");

        assertThat(below.exitCode()).as(below.err()).isEqualTo(ExitCodes.ALERT);
        Path report = work.resolve("out/speed").resolve(TRANSFERS_RANGE);
        assertThat(below.lines()).containsExactly("report: " + report.toAbsolutePath().normalize());
        assertThat(alertLines(below)).containsExactly("ALERT speed: items_per_second 79.99 on 2026-10-31, limit 80 ("
                + MEDIAN_RULE + ")");
        assertThat(csv(report.resolve("alerts.csv"))).containsExactly(
                "figure,rule,period_start,period_end,value,limit",
                "items_per_second," + MEDIAN_RULE + ",2026-10-31,2026-11-01,79.990000,80.000000");
        Map<String, Object> manifest = Manifest.read(report.resolve(Manifest.FILE));
        assertThat(manifest.get("alerts")).isEqualTo(Map.of("rules", List.of(MEDIAN_RULE), "broken", List.of(Map.of(
                "figure", "items_per_second", "rule", MEDIAN_RULE, "period_start", "2026-10-31", "period_end",
                "2026-11-01", "value", 79.99, "limit", 80.0)), "file", "alerts.csv"));
        assertThat(((Map<?, ?>) manifest.get("files")).containsKey("alerts.csv")).isTrue();

        // Weeks in the report, days in the rule: the stored days are reused, and the latest one still breaks it.
        CliRun weekly = run("speed", source, store, "--from", "2026-10-03", "--to", "2026-10-31", "--grain", "week");
        assertThat(weekly.exitCode()).as(weekly.err()).isEqualTo(ExitCodes.ALERT);
        assertThat(alertLines(weekly)).containsExactly(alertLines(below).get(0));

        assertThat(history(store)).containsExactly("COMPLETED 3", "COMPLETED 3");

        // 80.01: just above the limit.
        TestDatabase.jdbc(source).update("update deployment_steps set total_items = 8001, completed_items = 8001 "
                + "where completed_items = 7999");
        String freshStore = TestDatabase.newStoreUrl();
        CliRun above = run("speed", source, freshStore, "--from", "2026-10-03", "--to", "2026-10-31");

        assertThat(above.exitCode()).as(above.err()).isZero();
        assertThat(alertLines(above)).isEmpty();
        assertThat(csv(report.resolve("alerts.csv"))).containsExactly("figure,rule,period_start,period_end,value,limit");
        assertThat(history(freshStore)).containsExactly("COMPLETED 0");
    }

    @Test
    void aRejectRateLimitBreaksJustAboveIt() throws IOException {
        // 9,800 good transfers; 199 rejects are 1.99% of the rows checked, 201 are 2.01%.
        String source = TestDatabase.newSourceUrl(0, 0, 0);
        JdbcTemplate jdbc = TestDatabase.jdbc(source);
        deployment(jdbc);
        transfers(jdbc, "2026-10-31", 9800, 100, 1);
        transfers(jdbc, "2026-10-31", 199, 100, 0);
        jobFile("rejects", "kind: transfer-speed\nalerts:\n  rules: [\"reject_rate above 2%\"]\n");

        CliRun under = run("rejects", source, TestDatabase.newStoreUrl(), "--date", "2026-10-31");

        assertThat(under.exitCode()).as(under.err()).isZero();
        assertThat(alertLines(under)).isEmpty();

        transfers(jdbc, "2026-10-31", 2, 100, 0);
        CliRun over = run("rejects", source, TestDatabase.newStoreUrl(), "--date", "2026-10-31");

        assertThat(over.exitCode()).as(over.err()).isEqualTo(ExitCodes.ALERT);
        assertThat(alertLines(over)).containsExactly("ALERT rejects: reject_rate 0.0201 on 2026-10-31, limit 0.02 "
                + "(reject_rate above 2%)");
        assertThat(csv(work.resolve("out/rejects/2026-10-31_2026-10-31/alerts.csv"))).element(1).isEqualTo(
                "reject_rate,reject_rate above 2%,2026-10-31,2026-11-01,0.020098,0.020000");
    }

    @Test
    void aPreviousMeanRuleBreaksJustBelowItsLimitOnMatureCohorts() throws IOException {
        // Weekly cohorts of 5,000 converting 20%, 22%, 24%, 26%: mean 23%, limit 18%; the fifth at 17.98%, then 18.02%.
        String source = TestDatabase.newSourceUrl(0, 0, 0);
        JdbcTemplate jdbc = TestDatabase.jdbc(source);
        int[] converted = {1000, 1100, 1200, 1300, 899};
        for (int week = 0; week < converted.length; week++) {
            cohort(jdbc, week, converted[week]);
        }
        String rule = "conversion to git_write 5 points below the mean of the previous 4 cohorts";
        jobFile("signups", "kind: funnel\nsteps: [git_write]\nwindow: 7d\ngrain: week\nalerts:\n  rules:\n    - "
                + rule + "\n");
        // Range: the five cohorts, all mature by as-of (the last ends 2026-10-19, its window 2026-10-26).
        String[] range = {"--from", "2026-09-14", "--to", "2026-10-18"};

        CliRun below = run("signups", source, TestDatabase.newStoreUrl(), range);

        assertThat(below.exitCode()).as(below.err()).isEqualTo(ExitCodes.ALERT);
        assertThat(alertLines(below)).containsExactly("ALERT signups: conversion to git_write 0.1798 in 2026-10-12 to "
                + "2026-10-18, limit 0.18 (" + rule + ")");

        jdbc.update("update onboarding_progresses set git_write_at = created_at + interval '1 day' where namespace_id"
                + " in (4 * 5000 + 900, 4 * 5000 + 901)");
        CliRun above = run("signups", source, TestDatabase.newStoreUrl(), range);

        assertThat(above.exitCode()).as(above.err()).isZero();
        // An as-of other than the range's nightly one makes it an ad-hoc report, in a folder of its own.
        assertThat(csv(Path.of(above.lines().get(0).substring("report: ".length())).resolve("alerts.csv")))
                .hasSize(1);
    }

    @Test
    void aRuleOnAStepTheFunnelDoesNotHaveIsAUsageErrorNamingTheLine() throws IOException {
        jobFile("typo", "kind: funnel\nsteps: [git_write]\nalerts:\n  rules:\n    - conversion to git_wirte below 10%\n");

        CliRun typo = run("typo", TestDatabase.newSourceUrl(0, 0, 0), TestDatabase.newStoreUrl(), "--date",
                "2026-10-31");

        assertThat(typo.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(typo.err().lines().filter(line -> line.startsWith("progress-reports: ")).toList()).containsExactly(
                "progress-reports: " + work.resolve("jobs/typo.yml") + " line 3: alert rule 'conversion to git_wirte "
                        + "below 10%': 'git_wirte' is not a step of the funnel (steps: git_write)");
        assertThat(work.resolve("out")).doesNotExist();
    }

    @Test
    void theWebhookGetsTheAlertsAsJsonAndTheUrlIsShownNowhere() throws IOException {
        String url = hook.serve(HOOK_PATH, 200, false).toString();
        String source = dailyTransfers(7999);
        jobFile("hooked", "kind: transfer-speed\ngrain: day\nalerts:\n  rules:\n    - " + MEDIAN_RULE
                + "\n  webhook: " + url + "\n");
        String store = TestDatabase.newStoreUrl();

        CliRun run = run("hooked", source, store, "--from", "2026-10-03", "--to", "2026-10-31");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.ALERT);
        Path report = work.resolve("out/hooked").resolve(TRANSFERS_RANGE).toAbsolutePath().normalize();
        assertThat(hook.bodies()).containsExactly("application/json {\"job\":\"hooked\",\"report\":\""
                + report.toString().replace("\\", "\\\\") + "\",\"alerts\":[{\"figure\":\"items_per_second\",\"rule\":\""
                + MEDIAN_RULE + "\",\"period_start\":\"2026-10-31\",\"period_end\":\"2026-11-01\",\"value\":79.99,"
                + "\"limit\":80.0}]}");
        assertThat(run.err()).contains("hooked: alerts posted to the webhook (HTTP 200)");
        assertNowhere(SECRET, store, run, report);
        assertNowhere(String.valueOf(hook.port()), store, run, report);
    }

    @Test
    void aWebhookFromTheEnvironmentThatAnswers500FailsNothing() throws IOException {
        String url = hook.serve(HOOK_PATH, 500, false).toString();
        // The application's environment: system properties come before environment variables.
        System.setProperty("ALERTS_TEST_WEBHOOK", url);
        jobFile("hooked", "kind: transfer-speed\ngrain: day\nalerts:\n  rules:\n    - " + MEDIAN_RULE
                + "\n  webhook-env: ALERTS_TEST_WEBHOOK\n");
        String store = TestDatabase.newStoreUrl();

        CliRun run = run("hooked", dailyTransfers(7999), store, "--from", "2026-10-03", "--to", "2026-10-31");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.ALERT);
        assertThat(hook.calls()).hasValue(3);
        assertThat(run.err()).contains("hooked: alerts not posted: the webhook answered HTTP 500 after 3 attempts; "
                + "the report is published");
        Path report = work.resolve("out/hooked/latest").toRealPath();
        assertThat(report.resolve("alerts.csv")).isNotEmptyFile();
        assertNowhere(SECRET, store, run, report);
    }

    @Test
    void aWebhookThatHangsCostsItsTimeoutsAndFailsNothing() throws IOException {
        String url = hook.serve(HOOK_PATH, 200, true).toString();
        System.setProperty(WEBHOOK_TIMEOUT, "1s");
        jobFile("hooked", "kind: transfer-speed\ngrain: day\nalerts:\n  rules:\n    - " + MEDIAN_RULE
                + "\n  webhook: " + url + "\n");
        String store = TestDatabase.newStoreUrl();

        CliRun run = run("hooked", dailyTransfers(7999), store, "--from", "2026-10-03", "--to", "2026-10-31");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.ALERT);
        assertThat(run.err()).contains("hooked: alerts not posted: the webhook no answer within 1 s after 3 "
                + "attempts; the report is published");
        assertThat(work.resolve("out/hooked/latest/alerts.csv")).isNotEmptyFile();
        assertNowhere(SECRET, store, run, work.resolve("out/hooked/latest").toRealPath());
    }

    /** Not in the run's output, its report's files, the store's job parameters, nor history. */
    private void assertNowhere(String secret, String store, CliRun run, Path report) throws IOException {
        assertThat(run.out() + run.err()).doesNotContain(secret);
        try (Stream<Path> files = Files.list(report)) {
            for (Path file : files.filter(f -> !f.toString().endsWith(".png")).toList()) {
                assertThat(Files.readString(file)).as(file.toString()).doesNotContain(secret);
            }
        }
        assertThat(TestDatabase.jdbc(store).queryForList("select parameter_value from batch_job_execution_params",
                String.class)).noneMatch(value -> value != null && value.contains(secret));
        CliRun history = CliRun.of(List.of("history", "--store-url", store, "--csv"));
        assertThat(history.out() + history.err()).doesNotContain(secret);
        CliRun help = CliRun.of(List.of("run", "--help"));
        assertThat(help.out() + help.err()).doesNotContain(secret);
    }

    private CliRun run(String job, String source, String store, String... flags) {
        var args = new ArrayList<>(List.of("run", job, "--jobs-dir", work.resolve("jobs").toString(), "--source-url",
                source, "--store-url", store, "--out", work.resolve("out").toString(), "--as-of", AS_OF, "--no-bom"));
        args.addAll(List.of(flags));
        return CliRun.of(args);
    }

    private void jobFile(String name, String text) throws IOException {
        Files.createDirectories(work.resolve("jobs"));
        Files.writeString(work.resolve("jobs").resolve(name + ".yml"), text);
    }

    private static List<String> alertLines(CliRun run) {
        return run.err().lines().filter(line -> line.contains(" ALERT ")).map(line -> line.substring(
                line.indexOf("ALERT "))).toList();
    }

    private static List<String> csv(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }

    private static List<String> history(String store) {
        List<String> lines = CliRun.of(List.of("history", "--store-url", store, "--csv")).lines();
        int status = Column.names(RunRow.COLUMNS).indexOf("status");
        int exitCode = Column.names(RunRow.COLUMNS).indexOf("exit_code");
        return lines.subList(1, lines.size()).stream().map(line -> line.split(",", -1))
                .map(cells -> cells[status] + " " + cells[exitCode]).toList();
    }

    /** One transfer a day from 2026-10-03 to 10-30 of 100 items in 1 s, and on 10-31 {@code lastItems} in 100 s. */
    private static String dailyTransfers(int lastItems) {
        String source = TestDatabase.newSourceUrl(0, 0, 0);
        JdbcTemplate jdbc = TestDatabase.jdbc(source);
        deployment(jdbc);
        for (int day = 3; day <= 30; day++) {
            transfers(jdbc, String.format("2026-10-%02d", day), 1, 100, 1);
        }
        transfers(jdbc, "2026-10-31", 1, lastItems, 100);
        return source;
    }

    private static void deployment(JdbcTemplate jdbc) {
        jdbc.update("insert into deployments (project_id, status, created_at, updated_at) values (1, 'success', "
                + "'2026-10-01T00:00:00Z', '2026-10-01T00:00:00Z')");
    }

    /** {@code count} completed transfers of {@code items} each, started at noon UTC, lasting {@code seconds}. */
    private static void transfers(JdbcTemplate jdbc, String day, int count, int items, int seconds) {
        jdbc.update("""
                with steps as (
                    insert into deployment_steps (deployment_id, step, status, total_items, completed_items,
                                                  created_at, updated_at)
                    select 1, 'transfer_files', 'completed', ?, ?, ?::date + time '12:00' at time zone 'UTC',
                           ?::date + time '12:00' at time zone 'UTC' + make_interval(secs => ?)
                    from generate_series(1, ?)
                    returning id, created_at)
                insert into deployment_step_timings (deployment_step_id, started_at, finished_at)
                select id, created_at, created_at + make_interval(secs => ?) from steps""",
                items, items, day, day, seconds, count, seconds);
    }

    /**
     * A weekly cohort of 5,000 namespaces created on the Monday {@code week} weeks after 2026-09-14, the first
     * {@code converted} of which write to git a day later; namespace ids are week * 5,000 + 1 to + 5,000.
     */
    private static void cohort(JdbcTemplate jdbc, int week, int converted) {
        jdbc.update("""
                insert into onboarding_progresses (namespace_id, created_at, updated_at, git_write_at)
                select ? * 5000 + g, c, c, case when g <= ? then c + interval '1 day' end
                from generate_series(1, 5000) g,
                     lateral (select timestamptz '2026-09-14T12:00:00Z' + make_interval(weeks => ?) as c) t""",
                week, converted, week);
    }
}
