package io.progressreports.funnel;

import io.progressreports.TestDatabase;
import io.progressreports.cli.ProgressReportsCommand;
import io.progressreports.demo.SourceSchema;
import io.progressreports.demo.SyntheticOnboardingData;
import io.progressreports.report.Manifest;
import io.progressreports.report.ReportPeriod;
import io.progressreports.page.Percent;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.progressreports.OracleChecks.assertNoProblems;
import static io.progressreports.OracleChecks.check;
import static io.progressreports.OracleChecks.compareKeys;
import static io.progressreports.OracleChecks.compareRows;
import static io.progressreports.OracleChecks.index;
import static io.progressreports.OracleChecks.wholePeriod;
import static io.progressreports.OracleChecks.readCsv;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The onboarding funnel job, run through the real command line, against an oracle: the same figures computed in
 * PostgreSQL over the same rows. The oracle SQL is written from design.md's "Semantics", not from the Java code,
 * so that a shared misreading of the design cannot make both sides agree by construction.
 */
class OnboardingFunnelJobFunctionalTest {

    /** The generator's "now": synthetic namespaces are created in the 120 days before it. */
    private static final Instant NOW = Instant.parse("2026-11-01T06:00:00Z");
    /** An as-of inside the ranges, at a midnight, where a namespace is created at exactly that instant. */
    private static final Instant MID = Instant.parse("2026-10-15T00:00:00Z");
    private static final Duration H = Duration.ofHours(1);
    private static final Duration D = Duration.ofDays(1);
    private static final Duration MICRO = Duration.ofNanos(1_000);
    private static final List<String> DEFAULT_STEPS = List.of("git_write", "merge_request_created",
            "pipeline_created", "trial_started", "subscription_created");
    private static final List<Integer> JOB_FILE_AGES = List.of(1, 7, 14, 30);
    private static final long EDGE_IDS = 900_000_000L;

    private static String sourceUrl;
    private static JdbcTemplate source;
    /** For the runs that share a store. */
    private static String store;

    @TempDir
    static Path reports;

    @BeforeAll
    static void startDatabases() {
        sourceUrl = TestDatabase.newDatabaseUrl();
        store = TestDatabase.newStoreUrl();
        var dataSource = TestDatabase.dataSource(sourceUrl);
        SourceSchema.migrate(dataSource);
        SyntheticOnboardingData.generate(dataSource, new SyntheticOnboardingData.Settings(30_000, 120, 20261101L, NOW));
        source = new JdbcTemplate(dataSource);
        insertEdgeRows();
    }

    /** A store of its own per run, so that every day is computed from the rows and rows.read covers the range. */
    private static String freshStore() {
        return TestDatabase.newStoreUrl();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Edge rows: the cases synthetic data may or may not happen to contain, put there on purpose.

    private record Edge(long namespaceId, Instant created, Map<String, Instant> actions) {
        Edge at(String action, Duration afterCreation) {
            return at(action, created.plus(afterCreation));
        }

        Edge at(String action, Instant when) {
            var copy = new LinkedHashMap<>(actions);
            copy.put(action, when);
            return new Edge(namespaceId, created, copy);
        }
    }

    private static final AtomicInteger EDGE_COUNT = new AtomicInteger();

    private static Edge edge(String created) {
        return new Edge(EDGE_IDS + EDGE_COUNT.incrementAndGet(), OffsetDateTime.parse(created).toInstant(),
                Map.of());
    }

    private static void insertEdgeRows() {
        List<Edge> edges = List.of(
                // Recorded before creation: counted as done at creation, so both steps take 0 hours.
                edge("2026-09-10T10:00:00Z").at("git_write", H.multipliedBy(-2)).at("merge_request_created",
                        H.negated()).at("pipeline_created", H.multipliedBy(5)).at("trial_started", D)
                        .at("subscription_created", D.multipliedBy(7)),
                // Before creation but after an earlier step: at creation, which is before that step.
                edge("2026-09-10T11:00:00Z").at("git_write", H.multipliedBy(2)).at("merge_request_created",
                        H.negated()).at("pipeline_created", H.multipliedBy(3)),
                // Out of order: sequential stops at merge_request_created, any order goes on.
                edge("2026-09-11T12:00:00Z").at("git_write", H.multipliedBy(3)).at("merge_request_created", H)
                        .at("pipeline_created", H.multipliedBy(4)).at("trial_started", H.multipliedBy(2)),
                // Equal timestamps, all at creation: every step, 0 hours.
                edge("2026-09-12T08:00:00Z").at("git_write", Duration.ZERO).at("merge_request_created",
                        Duration.ZERO).at("pipeline_created", Duration.ZERO).at("trial_started", Duration.ZERO)
                        .at("subscription_created", Duration.ZERO).at("user_added", Duration.ZERO),
                // Equal timestamps after creation.
                edge("2026-09-12T09:00:00Z").at("git_write", H).at("merge_request_created", H)
                        .at("pipeline_created", H),
                // One microsecond after creation (a tiny value beside 720-hour ones in the same histogram),
                // then exactly at the 30-day window, then one microsecond past it.
                edge("2026-09-14T09:00:00Z").at("git_write", MICRO).at("merge_request_created", H)
                        .at("pipeline_created", D.multipliedBy(30)).at("trial_started", D.multipliedBy(30).plus(MICRO)),
                // Exactly at the ages 1, 7 and 14 days, and a microsecond past 1 day.
                edge("2026-09-14T10:00:00Z").at("git_write", D).at("merge_request_created", D.multipliedBy(7))
                        .at("pipeline_created", D.multipliedBy(14)).at("user_added", D.plus(MICRO))
                        .at("trial_started", D.multipliedBy(30)),
                // The 14-day window: exactly at it, and a microsecond past it.
                edge("2026-09-15T09:00:00Z").at("pipeline_created", H).at("git_write", D.multipliedBy(14))
                        .at("subscription_created", D.multipliedBy(14).plus(MICRO)),
                edge("2026-09-15T10:00:00Z").at("pipeline_created", D.multipliedBy(14))
                        .at("git_write", D.multipliedBy(14)).at("subscription_created", D.multipliedBy(14)),
                // Exactly at the usual as-of (counts) and a microsecond after it (ignored, a finding).
                edge("2026-10-05T00:00:00Z").at("git_write", NOW).at("merge_request_created", NOW.plus(MICRO))
                        .at("user_added", NOW.plus(MICRO)),
                edge("2026-10-20T00:00:00Z").at("git_write", H).at("merge_request_created", NOW)
                        .at("pipeline_created", NOW.plus(MICRO)),
                // The same around the mid-range as-of.
                edge("2026-10-01T12:00:00Z").at("git_write", MID).at("merge_request_created", MID.plus(MICRO))
                        .at("pipeline_created", MID.plus(MICRO)),
                // Created exactly at the mid-range as-of (counts: c <= T) and a microsecond after (does not).
                edge("2026-10-15T00:00:00Z").at("git_write", H),
                edge("2026-10-15T00:00:00.000001Z").at("git_write", H),
                edge("2026-11-01T06:00:00Z").at("git_write", Duration.ZERO),
                edge("2026-11-01T06:00:00.000001Z").at("git_write", Duration.ZERO),
                // Done after the mid-range as-of but before the usual one, long after creation: a day that is
                // final at both as-ofs must not keep the earlier run's "after as-of" finding.
                edge("2026-08-10T10:00:00Z").at("user_added", MID.plus(D.multipliedBy(5)))
                        .at("git_write", H),
                // Range ends: the first microsecond of a range and the last one before it.
                edge("2026-07-08T00:00:00Z").at("git_write", H),
                edge("2026-07-07T23:59:59.999999Z").at("git_write", H),
                edge("2026-09-01T00:00:00Z").at("git_write", H),
                edge("2026-08-31T23:59:59.999999Z").at("git_write", H),
                edge("2026-10-28T23:59:59.999999Z").at("git_write", H),
                edge("2026-10-29T00:00:00Z").at("git_write", H),
                // DST starts in Berlin on 2026-03-29 at 02:00 local: a 23-hour day.
                edge("2026-03-29T00:30:00+01:00").at("git_write", H.multipliedBy(2))
                        .at("merge_request_created", H.multipliedBy(3)),
                edge("2026-03-29T03:30:00+02:00").at("git_write", H),
                edge("2026-03-28T23:30:00+01:00").at("git_write", H),
                edge("2026-03-31T23:30:00+02:00").at("git_write", D.multipliedBy(2)),
                edge("2026-04-01T00:30:00+02:00").at("git_write", D.multipliedBy(2)),
                edge("2026-03-20T00:00:00+01:00").at("git_write", H),
                edge("2026-03-19T23:59:59.999999+01:00").at("git_write", H),
                // DST ends in Berlin on 2026-10-25 at 03:00 local: 02:30 happens twice in a 25-hour day.
                edge("2026-10-25T02:30:00+02:00").at("git_write", H).at("merge_request_created", H.multipliedBy(2)),
                edge("2026-10-25T02:30:00+01:00").at("git_write", H).at("merge_request_created", H.multipliedBy(2)),
                edge("2026-10-26T00:30:00+01:00").at("git_write", H),
                edge("2026-10-01T00:30:00+02:00").at("git_write", H),
                edge("2026-11-01T00:30:00+01:00").at("git_write", H),
                edge("2026-10-31T23:59:59.999999+01:00").at("git_write", H));
        for (Edge edge : edges) {
            var columns = new ArrayList<>(List.of("id", "namespace_id", "created_at", "updated_at"));
            var values = new ArrayList<Object>(List.of(edge.namespaceId(), edge.namespaceId(), odt(edge.created()),
                    odt(edge.created())));
            edge.actions().forEach((action, when) -> {
                columns.add(action + "_at");
                values.add(odt(when));
            });
            // An explicit id works whether the column is an identity, a serial or a plain bigint.
            source.update("insert into onboarding_progresses (" + String.join(", ", columns)
                    + ") overriding system value values (" + columns.stream().map(c -> "?")
                    .collect(Collectors.joining(", ")) + ")", values.toArray());
        }
    }

    private static OffsetDateTime odt(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Cases

    /**
     * A breakdown, and the oracle's segment of a source row {@code p} in SQL.
     *
     * @param jobFileLine a breakdown for the job file (then the run uses a copy of jobs/ with it), or null
     */
    record Segments(String sql, int top, String jobFileLine) {
    }

    record Case(String name, LocalDate from, LocalDate to, Instant asOf, String zone, String grain,
                List<String> steps, int windowDays, boolean anyOrder, boolean dropoffs, List<String> flags,
                Segments segments) {

        @Override
        public String toString() {
            return name;
        }

        List<Integer> ages() {
            return new TreeSet<>(Stream.concat(JOB_FILE_AGES.stream(), Stream.of(windowDays)).toList()).stream()
                    .toList();
        }

        List<String> arguments(String storeUrl, Path out) {
            var args = new ArrayList<>(List.of("run", "onboarding-funnel", "--jobs-dir",
                    jobsDir().toString(), "--source-url", sourceUrl, "--store-url",
                    storeUrl, "--out", out.toString(), "--from", from.toString(), "--to", to.toString(),
                    "--as-of", asOf.toString(), "--partition-days", "7",
                    // Cases that set steps, zone, grain or an earlier as-of are ad-hoc runs: point latest at them.
                    "--latest"));
            args.addAll(flags);
            return args;
        }

        Case withSegments(Segments breakdown) {
            return new Case(name, from, to, asOf, zone, grain, steps, windowDays, anyOrder, dropoffs, flags,
                    breakdown);
        }

        /** jobs/, or a copy of it whose onboarding-funnel.yml has the case's breakdown. */
        Path jobsDir() {
            Path jobs = Path.of("jobs").toAbsolutePath();
            if (segments == null || segments.jobFileLine() == null) {
                return jobs;
            }
            try {
                Path copy = Files.createDirectories(reports.resolve("jobs-" + name.replaceAll("[^a-z0-9]+", "-")));
                Files.writeString(copy.resolve("onboarding-funnel.yml"), Files.readString(jobs.resolve(
                        "onboarding-funnel.yml")) + "\n" + segments.jobFileLine() + "\n");
                return copy;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The folder's name, or its start for an ad-hoc run's ("-adhoc-" and a hash follow). */
        String label() {
            return from + "_" + to;
        }
    }

    private static Case job(String name, String from, String to, Instant asOf, String zone, String grain,
                            String... flags) {
        List<String> list = List.of(flags);
        List<String> steps = option(list, "--steps").map(s -> List.of(s.split(","))).orElse(DEFAULT_STEPS);
        int window = option(list, "--window").map(w -> Integer.parseInt(w.replace("d", ""))).orElse(30);
        var all = new ArrayList<>(list);
        if (zone != null) {
            all.addAll(List.of("--zone", zone));
        }
        if (grain != null) {
            all.addAll(List.of("--grain", grain));
        }
        return new Case(name, LocalDate.parse(from), LocalDate.parse(to), asOf, zone == null ? "UTC" : zone,
                grain == null ? "week" : grain, steps, window, option(list, "--order").filter("any"::equals)
                .isPresent(), list.contains("--dropoffs"), all, null);
    }

    private static Optional<String> option(List<String> flags, String name) {
        int i = flags.indexOf(name);
        return i < 0 ? Optional.empty() : Optional.of(flags.get(i + 1));
    }

    static Stream<Case> cases() {
        return Stream.of(
                // Grain and zone left to the job file (week, UTC); partial first and last weeks.
                job("sequential, week, UTC", "2026-07-08", "2026-10-28", NOW, null, null, "--order", "sequential"),
                job("any order, day", "2026-09-01", "2026-10-31", NOW, "UTC", "day", "--order", "any"),
                job("month, Europe/Berlin, both DST changes", "2026-03-20", "2026-10-31", NOW, "Europe/Berlin",
                        "month"),
                job("as-of inside the range", "2026-08-01", "2026-10-31", MID, "UTC", "week"),
                job("other steps, 14d window", "2026-08-03", "2026-10-31", NOW, "UTC", "week",
                        "--steps", "pipeline_created,git_write,subscription_created", "--window", "14d"),
                job("dropoffs, Europe/Berlin", "2026-09-01", "2026-10-31", NOW, "Europe/Berlin", "week",
                        "--dropoffs"),
                // The source's own column, two values and NULL: top 1 folds the smaller into (other).
                job("breakdown by own column, top 1", "2026-08-03", "2026-10-31", NOW, "UTC", "week")
                        .withSegments(OWN_COLUMN),
                // A joined table: 14 countries (top 10, the rest (other)), NULL and namespaces without a row (none).
                job("breakdown by joined table, month", "2026-06-15", "2026-10-31", NOW, "Europe/Berlin", "month",
                        "--breakdown", "namespaces.country_code").withSegments(JOINED));
    }

    private static final Segments OWN_COLUMN = new Segments("p.setup_for_company::text", 1,
            "breakdown: {column: setup_for_company, top: 1}");
    private static final Segments JOINED = new Segments(
            "(select n.country_code from namespaces n where n.id = p.namespace_id)", 10, null);

    // ---------------------------------------------------------------------------------------------------------
    // Tests

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyFigureAgreesWithSql(Case c) throws IOException {
        Path out = reports.resolve(c.name().replaceAll("[^a-zA-Z0-9]+", "-"));

        assertThat(ProgressReportsCommand.execute(c.arguments(freshStore(), out).toArray(String[]::new))).isZero();

        Path report = out.resolve("onboarding-funnel/latest").toRealPath();
        assertThat(report.getFileName().toString()).startsWith(c.label());
        var problems = new ArrayList<String>();
        compareReport(c, report, problems);
        Map<String, Object> manifest = Manifest.read(report.resolve(Manifest.FILE));
        @SuppressWarnings("unchecked")
        Map<String, Object> rows = (Map<String, Object>) manifest.get("rows");
        long inRange = source.queryForObject(rowsInRange(), Long.class, arguments(c, false));
        check(problems, "manifest rows.read", ((Number) rows.get("read")).longValue(), inRange);
        assertThat(Files.readSymbolicLink(out.resolve("onboarding-funnel/latest"))).isEqualTo(report.getFileName());

        assertNoProblems(c.name(), problems);
    }

    /**
     * The nightly pattern: an earlier run leaves final days in the store, a later run (later as-of) reuses them.
     * Every figure of the later report must still be what SQL says at the later as-of.
     */
    @Test
    void aLaterRunReusingStoredDaysStillAgreesWithSql() throws IOException {
                Case earlier = job("earlier", "2026-07-20", "2026-10-31", MID, "UTC", "week");
        Case later = job("later", "2026-07-20", "2026-10-31", NOW, "UTC", "week");
        Path out = reports.resolve("shared-store");

        assertThat(ProgressReportsCommand.execute(earlier.arguments(store, out).toArray(String[]::new))).isZero();
        assertThat(ProgressReportsCommand.execute(later.arguments(store, out).toArray(String[]::new))).isZero();

        Path report = out.resolve("onboarding-funnel/latest").toRealPath();
        @SuppressWarnings("unchecked")
        Map<String, Object> days = (Map<String, Object>) Manifest.read(report.resolve(Manifest.FILE)).get("days");
        assertThat(((Number) days.get("reused")).longValue()).as("days reused from the earlier run").isPositive();
        var problems = new ArrayList<String>();
        compareReport(later, report, problems);
        assertNoProblems(later.name(), problems);
    }

    @Test
    void anUnknownActionInStepsIsAUsageErrorAndWritesNoReport() throws IOException {
        Case bad = job("bad steps", "2026-09-01", "2026-09-30", NOW, "UTC", "week",
                "--steps", "git_write,no_such_action");
        Path out = reports.resolve("bad-steps");

        assertThat(ProgressReportsCommand.execute(bad.arguments(store, out).toArray(String[]::new)))
                .isEqualTo(64);

        assertThat(out.resolve("onboarding-funnel").resolve(bad.label())).doesNotExist();
        assertThat(out.resolve("onboarding-funnel/latest")).doesNotExist();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Comparison

    private static void compareReport(Case c, Path report, List<String> problems) throws IOException {
        // One query of SQL's funnel by cohort serves funnel.csv and comparison.csv.
        List<Map<String, Object>> funnel = funnelRows(c, false);
        if (c.segments() == null) {
            compareFunnel(funnel, readCsv(report.resolve("funnel.csv"), FUNNEL_COLUMNS), "funnel.csv", problems);
            compareFunnelChart(funnel, readCsv(report.resolve("funnel.csv"), FUNNEL_COLUMNS), problems);
            compareHeadline(funnel, Files.readString(report.resolve("index.html")), problems);
            compareFunnel(funnelRows(c, true), readCsv(report.resolve("funnel_summary.csv"), FUNNEL_COLUMNS),
                    "funnel_summary.csv", problems);
            compareCompletion(completionRows(c, ALL, List.of(ALL_LABEL)).get(ALL_LABEL),
                    readCsv(report.resolve("completion_by_age.csv"), COMPLETION_COLUMNS), "completion_by_age.csv",
                    problems);
        } else {
            compareSegments(c, report, funnel, problems);
        }
        compareQuality(c, readCsv(report.resolve("data_quality.csv"), QUALITY_COLUMNS), problems);
        compareComparisons(c, funnel, readCsv(report.resolve("comparison.csv"), COMPARISON_COLUMNS), problems);
        if (c.dropoffs()) {
            compareDropoffs(c, readCsv(report.resolve("dropoffs.csv"), DROPOFF_COLUMNS), problems);
        } else {
            assertThat(report.resolve("dropoffs.csv")).doesNotExist();
        }
    }

    /**
     * With a breakdown: the segments SQL ranks (the top N values by namespaces in the range, then (other) and
     * (none) where they have namespaces), in that order after (all); each segment's rows against the oracle's, which
     * groups the rows by the segment SQL gives them (one query for all segments rather than one per segment: on the
     * joined table's 13 segments that was 39 queries, 26 s of a 30 s case at load 6).
     */
    private static void compareSegments(Case c, Path report, List<Map<String, Object>> all, List<String> problems)
            throws IOException {
        String seg = "(" + c.segments().sql() + ")";
        Object[] args = arguments(c, false);
        List<String> named = source.queryForList(base(seg) + "select seg from ns where seg is not null"
                + " group by seg order by count(*) desc, seg collate \"C\" limit " + c.segments().top(), String.class,
                args);
        long values = source.queryForObject(base(seg) + "select count(distinct seg) from ns", Long.class, args);
        long nulls = source.queryForObject(base(seg) + "select count(*) from ns where seg is null", Long.class,
                args);
        var segments = new ArrayList<String>(named);
        if (values > named.size()) {
            segments.add("(other)");
        }
        if (nulls > 0) {
            segments.add("(none)");
        }
        // Each case's data has every kind of segment: named ones, the rest, and none.
        assertThat(segments).as("segments SQL expects in case '%s'", c.name()).contains("(other)", "(none)");
        // A row's segment, from ns.seg (the row's value of the breakdown's SQL).
        String label = "case when seg is null then '(none)' when seg in (" + named.stream().map(v -> quote(v))
                .collect(Collectors.joining(", ")) + ") then seg else '(other)' end";
        List<CSVRecord> funnel = readCsv(report.resolve("funnel.csv"), withSegment(FUNNEL_COLUMNS));
        List<CSVRecord> summary = readCsv(report.resolve("funnel_summary.csv"), withSegment(FUNNEL_COLUMNS));
        List<CSVRecord> completion = readCsv(report.resolve("completion_by_age.csv"),
                withSegment(COMPLETION_COLUMNS));
        List<String> expectedOrder = Stream.concat(Stream.of(ALL_LABEL), segments.stream()).toList();
        for (var file : Map.of("funnel.csv", funnel, "funnel_summary.csv", summary, "completion_by_age.csv",
                completion).entrySet()) {
            check(problems, file.getKey() + " segments in order",
                    file.getValue().stream().map(r -> r.get("segment")).distinct().toList(), expectedOrder);
        }
        var funnels = funnelRows(c, false, seg, label, segments);
        funnels.put(ALL_LABEL, all);
        var summaries = funnelRows(c, true, seg, label, segments);
        summaries.putAll(funnelRows(c, true, null, ALL, List.of(ALL_LABEL)));
        var completions = completionRows(c, seg, label, segments);
        completions.putAll(completionRows(c, ALL, List.of(ALL_LABEL)));
        for (String segment : expectedOrder) {
            String in = " [" + segment + "]";
            compareFunnel(funnels.get(segment), of(funnel, segment), "funnel.csv" + in, problems);
            compareFunnel(summaries.get(segment), of(summary, segment), "funnel_summary.csv" + in, problems);
            compareCompletion(completions.get(segment), of(completion, segment), "completion_by_age.csv" + in,
                    problems);
        }
    }

    private static String quote(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private static List<String> withSegment(List<String> columns) {
        return Stream.concat(Stream.of("segment"), columns.stream()).toList();
    }

    private static List<CSVRecord> of(List<CSVRecord> rows, String segment) {
        return rows.stream().filter(r -> r.get("segment").equals(segment)).toList();
    }

    private static final List<String> FUNNEL_COLUMNS = List.of("cohort_start", "cohort_end", "step_number", "step",
            "namespaces", "conversion_from_start", "conversion_from_previous", "median_hours_to_step",
            "p90_hours_to_step", "mature", "partial");
    private static final List<String> COMPLETION_COLUMNS = List.of("cohort_start", "cohort_end", "action",
            "age_days", "namespaces", "completed", "completion_rate", "mature", "partial");
    private static final List<String> QUALITY_COLUMNS = List.of("check", "action", "findings", "rows_checked",
            "share", "effect");
    private static final List<String> DROPOFF_COLUMNS = List.of("namespace_id", "cohort_start", "last_step_number",
            "last_step", "last_step_at");

    private static final List<String> COMPARISON_COLUMNS = List.of("figure", "period_start", "period_end", "value",
            "baseline", "baseline_start", "baseline_end", "baseline_value", "change", "relative_change",
            "beyond_noise");


    /** Every row in one segment, (all): the label of a case without a breakdown. */
    private static final String ALL_LABEL = "(all)";
    private static final String ALL = "'" + ALL_LABEL + "'";

    /** SQL's funnel over every row, a row per cohort (or one for the whole range) and step, in cohort and step order. */
    private static List<Map<String, Object>> funnelRows(Case c, boolean whole) {
        return funnelRows(c, whole, null, ALL, List.of(ALL_LABEL)).get(ALL_LABEL);
    }

    /**
     * SQL's funnel per segment, each a row per cohort (or one for the whole range) and step, in cohort and step order.
     *
     * @param segment  each row's breakdown value in SQL over the source row p (ns.seg), or null
     * @param label    the row's segment, SQL over ns.seg
     * @param segments the segments to give rows for, those without namespaces too
     */
    private static Map<String, List<Map<String, Object>>> funnelRows(Case c, boolean whole, String segment,
                                                                    String label, List<String> segments) {
        return bySegment(source.query(funnelSql(segment, label, segments), (rs, i) -> row(rs), arguments(c, whole)));
    }

    private static Map<String, List<Map<String, Object>>> bySegment(List<Map<String, Object>> rows) {
        var segments = new LinkedHashMap<String, List<Map<String, Object>>>();
        rows.forEach(row -> segments.computeIfAbsent((String) row.get("segment"), s -> new ArrayList<>()).add(row));
        return segments;
    }

    private static void compareFunnel(List<Map<String, Object>> funnel, List<CSVRecord> csv, String file,
                                      List<String> problems) {
        var expected = new LinkedHashMap<String, Map<String, Object>>();
        for (Map<String, Object> sql : funnel) {
            expected.put(sql.get("cohort_start") + " step " + sql.get("step_number"), sql);
        }
        Function<CSVRecord, String> rowKey = r -> r.get("cohort_start") + " step " + r.get("step_number");
        compareRows(file, csv, rowKey, expected, problems, (key, row, sql) -> {
            String where = file + " " + key + " (" + sql.get("step") + ")";
            check(problems, where + " cohort_end", row.get("cohort_end"), sql.get("cohort_end").toString());
            check(problems, where + " step", row.get("step"), sql.get("step"));
            check(problems, where + " namespaces", Long.parseLong(row.get("namespaces")),
                    ((Number) sql.get("namespaces")).longValue());
            check(problems, where + " conversion_from_start", row.get("conversion_from_start"),
                    rate((BigDecimal) sql.get("from_start")));
            check(problems, where + " conversion_from_previous", row.get("conversion_from_previous"),
                    rate((BigDecimal) sql.get("from_previous")));
            checkHours(problems, where + " median_hours_to_step", row.get("median_hours_to_step"),
                    (BigDecimal) sql.get("p50"));
            checkHours(problems, where + " p90_hours_to_step", row.get("p90_hours_to_step"),
                    (BigDecimal) sql.get("p90"));
            check(problems, where + " mature", row.get("mature"), sql.get("mature").toString());
            check(problems, where + " partial", row.get("partial"), sql.get("partial").toString());
        });
    }

    /**
     * funnel.png's bars, from the rows it is drawn from (funnel.csv's, checked above), against SQL's namespaces per
     * step summed over the mature cohorts only, and over the immature ones apart.
     */
    private static void compareFunnelChart(List<Map<String, Object>> funnel, List<CSVRecord> csv,
                                           List<String> problems) {
        var rows = csv.stream().map(r -> new FunnelReport.FunnelRow(
                new ReportPeriod(LocalDate.parse(r.get("cohort_start")), LocalDate.parse(r.get("cohort_end")),
                        Boolean.parseBoolean(r.get("partial"))),
                Integer.parseInt(r.get("step_number")), r.get("step"), Long.parseLong(r.get("namespaces")),
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, Boolean.parseBoolean(r.get("mature")))).toList();
        List<String> steps = rows.stream().sorted(Comparator.comparingInt(FunnelReport.FunnelRow::stepNumber))
                .map(FunnelReport.FunnelRow::step).distinct().toList();
        List<FunnelBar> bars = MatureFunnel.of(steps, rows).bars();
        var dataset = FunnelCharts.funnelDataset(bars);
        var mature = new TreeMap<Integer, Long>();
        var immature = new TreeMap<Integer, Long>();
        for (Map<String, Object> sql : funnel) {
            ((Boolean) sql.get("mature") ? mature : immature).merge(((Number) sql.get("step_number")).intValue(),
                    ((Number) sql.get("namespaces")).longValue(), Long::sum);
        }
        for (FunnelBar bar : bars) {
            String where = "funnel.png step " + bar.stepNumber();
            String category = bar.stepNumber() + ". " + bar.step();
            long expected = mature.getOrDefault(bar.stepNumber(), 0L);
            check(problems, where + " mature bar", dataset.getValue(FunnelCharts.MATURE_SERIES, category)
                    .longValue(), expected);
            long created = mature.getOrDefault(1, 0L);
            if (created > 0) {
                checkWithin(problems, where + " mature share of created", Double.toString(bar.conversionFromStart()),
                        BigDecimal.valueOf(expected).divide(BigDecimal.valueOf(created), 12, RoundingMode.HALF_EVEN));
            }
            long young = immature.getOrDefault(bar.stepNumber(), 0L);
            Number drawn = immature.values().stream().anyMatch(n -> n > 0)
                    ? dataset.getValue(FunnelCharts.IMMATURE_SERIES, category) : 0L;
            check(problems, where + " immature bar", drawn.longValue(), young);
        }
    }

    /**
     * index.html's headline against SQL's funnel itself, not the CSV it is drawn from: namespaces and each step's
     * conversion over the mature cohorts only, as issue 17 asks.
     */
    private static void compareHeadline(List<Map<String, Object>> funnel, String page, List<String> problems) {
        var shown = new HashMap<String, String>();
        Matcher figure = Pattern.compile("<dd data-figure=\"([^\"]*)\">([^<]*)</dd>").matcher(page);
        while (figure.find()) {
            shown.put(figure.group(1), figure.group(2));
        }
        var mature = new TreeMap<Integer, Long>();
        var names = new TreeMap<Integer, String>();
        for (Map<String, Object> sql : funnel) {
            int step = ((Number) sql.get("step_number")).intValue();
            names.put(step, (String) sql.get("step"));
            if ((Boolean) sql.get("mature")) {
                mature.merge(step, ((Number) sql.get("namespaces")).longValue(), Long::sum);
            }
        }
        long created = mature.getOrDefault(1, 0L);
        check(problems, "index.html namespaces in mature cohorts",
                shown.getOrDefault("namespaces in mature cohorts", "missing").replace(",", ""),
                Long.toString(created));
        names.forEach((step, name) -> {
            if (step > 1) {
                check(problems, "index.html conversion to " + name,
                        shown.getOrDefault("conversion to " + name, "missing"),
                        Percent.of(mature.getOrDefault(step, 0L), created));
            }
        });
    }

    /** A cohort's namespaces at one step. */
    private record Reach(LocalDate start, LocalDate end, long namespaces) {
    }

    /**
     * comparison.csv: each later step's conversion of the latest whole, mature cohort against the cohort before
     * it and the one four weeks earlier, from SQL's funnel; beyond noise where SQL's two-proportion z exceeds the
     * 5% two-sided critical value.
     */
    private static void compareComparisons(Case c, List<Map<String, Object>> funnel, List<CSVRecord> csv,
                                           List<String> problems) {
        var cohortSizes = new HashMap<LocalDate, Long>();
        var reachByStep = new LinkedHashMap<String, List<Reach>>();
        for (Map<String, Object> sql : funnel) {
            LocalDate start = (LocalDate) sql.get("cohort_start");
            LocalDate end = (LocalDate) sql.get("cohort_end");
            long namespaces = ((Number) sql.get("namespaces")).longValue();
            if (((Number) sql.get("step_number")).intValue() == 1) {
                cohortSizes.put(start, namespaces);
            } else if ((Boolean) sql.get("mature") && wholePeriod(c.grain(), start, end)) {
                reachByStep.computeIfAbsent((String) sql.get("step"), step -> new ArrayList<>())
                        .add(new Reach(start, end, namespaces));
            }
        }
        var expected = new LinkedHashMap<String, Map<String, Object>>();
        reachByStep.forEach((step, reaches) -> {
            reaches.sort(Comparator.comparing(Reach::start));
            if (reaches.size() < 2) {
                return;
            }
            Reach latest = reaches.get(reaches.size() - 1);
            var baselines = new LinkedHashMap<String, Reach>();
            baselines.put("previous", reaches.get(reaches.size() - 2));
            reaches.stream().filter(r -> r.start().equals(latest.start().minusDays(28))
                            && r.end().equals(latest.end().minusDays(28))).findFirst()
                    .ifPresent(r -> baselines.put("four_weeks_earlier", r));
            baselines.forEach((name, baseline) -> {
                long n1 = cohortSizes.get(latest.start());
                long n2 = cohortSizes.get(baseline.start());
                expected.put("conversion to " + step + " " + name, source.queryForMap(COMPARISON_SQL,
                        latest.namespaces(), n1, baseline.namespaces(), n2, latest.namespaces(), baseline.namespaces(),
                        n1, n2, n1, n2));
                expected.get("conversion to " + step + " " + name).putAll(Map.of("period_start", latest.start(),
                        "period_end", latest.end(), "baseline_start", baseline.start(), "baseline_end",
                        baseline.end()));
            });
        });
        // Every case's range holds at least two whole, mature cohorts.
        assertThat(expected).as("comparisons SQL expects in case '%s'", c.name()).isNotEmpty();
        compareRows("comparison.csv", csv, r -> r.get("figure") + " " + r.get("baseline"), expected, problems,
                (key, row, sql) -> {
                    String where = "comparison.csv " + key;
                    for (String column : List.of("period_start", "period_end", "baseline_start", "baseline_end")) {
                        check(problems, where + " " + column, row.get(column), sql.get(column).toString());
                    }
                    for (String column : List.of("value", "baseline_value", "change", "relative_change")) {
                        checkWithin(problems, where + " " + column, row.get(column), (BigDecimal) sql.get(column));
                    }
                    check(problems, where + " beyond_noise", row.get("beyond_noise"), sql.get("beyond_noise")
                            .toString());
                });
    }

    /** Rates, change, relative change, and the z-test's verdict at the 5% level (|z| > 1.959964). */
    private static final String COMPARISON_SQL = """
            select round(v, 6) as value, round(b, 6) as baseline_value, round(v - b, 6) as change,
                   case when b = 0 then null else round((v - b) / b, 6) end as relative_change,
                   case when p = 0 or p = 1 then false
                        else abs(v - b) / sqrt(p * (1 - p) * (1.0 / n1 + 1.0 / n2)) > 1.959963984540054 end
                       as beyond_noise
            from (select cast(? as numeric) / ? as v, cast(? as numeric) / ? as b,
                         (cast(? as numeric) + ?) / (cast(? as numeric) + ?) as p,
                         cast(? as numeric) as n1, cast(? as numeric) as n2) x
            """;

    /** Six decimals from a double against SQL's exact figure rounded to six: one unit in the last place apart. */
    private static void checkWithin(List<String> problems, String what, String actual, BigDecimal expected) {
        if (expected == null ? !actual.isEmpty()
                : actual.isEmpty() || new BigDecimal(actual).subtract(expected).abs().compareTo(new BigDecimal("0.000001")) > 0) {
            problems.add(what + ": job " + actual + ", SQL " + expected);
        }
    }

    /** SQL's completion by age per segment (see {@link #funnelRows(Case, boolean, String, String, List)}). */
    private static Map<String, List<Map<String, Object>>> completionRows(Case c, String label, List<String> segments) {
        return completionRows(c, null, label, segments);
    }

    private static Map<String, List<Map<String, Object>>> completionRows(Case c, String segment, String label,
                                                                        List<String> segments) {
        return bySegment(source.query(completionSql(segment, label, segments), (rs, i) -> row(rs),
                arguments(c, false)));
    }

    private static void compareCompletion(List<Map<String, Object>> sqlRows, List<CSVRecord> csv, String file,
                                          List<String> problems) {
        var expected = new LinkedHashMap<String, Map<String, Object>>();
        for (Map<String, Object> sql : sqlRows) {
            expected.put(sql.get("cohort_start") + " " + sql.get("action") + " " + sql.get("age_days") + "d", sql);
        }
        Function<CSVRecord, String> rowKey =
                r -> r.get("cohort_start") + " " + r.get("action") + " " + r.get("age_days") + "d";
        compareRows(file, csv, rowKey, expected, problems, (key, row, sql) -> {
            String where = file + " " + key;
            check(problems, where + " cohort_end", row.get("cohort_end"), sql.get("cohort_end").toString());
            check(problems, where + " namespaces", Long.parseLong(row.get("namespaces")),
                    ((Number) sql.get("namespaces")).longValue());
            check(problems, where + " completed", Long.parseLong(row.get("completed")),
                    ((Number) sql.get("completed")).longValue());
            check(problems, where + " completion_rate", row.get("completion_rate"),
                    rate((BigDecimal) sql.get("rate")));
            check(problems, where + " mature", row.get("mature"), sql.get("mature").toString());
            check(problems, where + " partial", row.get("partial"), sql.get("partial").toString());
        });
    }

    private static void compareQuality(Case c, List<CSVRecord> csv, List<String> problems) {
        String file = "data_quality.csv";
        Map<String, CSVRecord> actual = index(csv.stream().filter(r -> r.get("check").startsWith("action_")).toList(),
                r -> r.get("check") + " " + r.get("action"), file, problems);
        var expected = new LinkedHashMap<String, Map<String, Object>>();
        source.query(qualitySql(), rs -> {
            expected.put(rs.getString("check_name") + " " + rs.getString("action"), row(rs));
        }, arguments(c, false));
        compareKeys(file, expected.keySet(), actual.keySet(), problems);
        expected.forEach((key, sql) -> {
            CSVRecord row = actual.get(key);
            if (row != null) {
                check(problems, file + " " + key + " findings", Long.parseLong(row.get("findings")),
                        ((Number) sql.get("findings")).longValue());
                check(problems, file + " " + key + " rows_checked", Long.parseLong(row.get("rows_checked")),
                        ((Number) sql.get("rows_checked")).longValue());
            }
        });
    }

    private static void compareDropoffs(Case c, List<CSVRecord> csv, List<String> problems) {
        String file = "dropoffs.csv";
        ZoneId zone = ZoneId.of(c.zone());
        var actual = new LinkedHashSet<String>();
        for (CSVRecord r : csv) {
            OffsetDateTime at = OffsetDateTime.parse(r.get("last_step_at"));
            if (!at.getOffset().equals(zone.getRules().getOffset(at.toInstant()))) {
                problems.add(file + " namespace " + r.get("namespace_id") + " last_step_at " + at
                        + " is not written in zone " + zone);
            }
            actual.add(r.get("namespace_id") + " cohort " + r.get("cohort_start") + " last step "
                    + r.get("last_step_number") + " " + r.get("last_step") + " at " + at.toInstant());
        }
        var expected = new LinkedHashSet<String>();
        source.query(dropoffSql(), rs -> {
            expected.add(rs.getLong("namespace_id") + " cohort " + rs.getObject("cohort_start", LocalDate.class)
                    + " last step " + rs.getInt("last_step_number") + " " + rs.getString("last_step") + " at "
                    + rs.getObject("last_step_at", OffsetDateTime.class).toInstant());
        }, arguments(c, false));
        check(problems, file + " rows", (long) csv.size(), (long) expected.size());
        compareKeys(file, expected, actual, problems);
    }

    /** Histogram percentiles are within 1% of percentile_disc; near zero, within 0.001 h (3.6 s). */
    private static void checkHours(List<String> problems, String what, String actual, BigDecimal expected) {
        if (expected == null || actual.isEmpty()) {
            check(problems, what, actual, expected == null ? "" : expected.toPlainString());
            return;
        }
        double job = Double.parseDouble(actual);
        double sql = expected.doubleValue();
        if (Math.abs(job - sql) > Math.max(0.01 * Math.abs(sql), 0.001)) {
            problems.add(what + ": job " + actual + ", SQL " + expected.setScale(6, RoundingMode.HALF_UP)
                    .toPlainString() + " (more than 1% apart)");
        }
    }

    private static String rate(BigDecimal sql) {
        return sql == null ? "" : sql.setScale(4, RoundingMode.UNNECESSARY).toPlainString();
    }

    private static Map<String, Object> row(ResultSet rs) throws SQLException {
        var row = new LinkedHashMap<String, Object>();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
            Object value = rs.getObject(i);
            row.put(rs.getMetaData().getColumnLabel(i), value instanceof java.sql.Date date ? date.toLocalDate()
                    : value);
        }
        return row;
    }

    // ---------------------------------------------------------------------------------------------------------
    // The oracle. Straight from design.md's Semantics, in SQL, over the source rows:
    //   rows: c in [from 00:00 Z, to+1 00:00 Z) and c <= T; cohort: the day/week/month in Z containing c, clipped
    //   to the range; effective action time e = greatest(a, c) if a <= T, else none; step 1 'created' at c;
    //   step k reached if step k-1 reached, e_k set, e_k - c <= window and (any order or e_k >= time of step k-1).
    // Windows and ages are exact durations (30d = 720 h, also across DST), so intervals are built from seconds:
    // 'N days' added to a timestamptz would be N calendar days in the session's zone.

    /** The bind values of the args CTE, in its order. */
    private static Object[] arguments(Case c, boolean whole) {
        return new Object[] {c.from(), c.to(), odt(c.asOf()), c.zone(), c.grain(), c.windowDays() * 86_400L,
                c.anyOrder(), "{" + String.join(",", c.steps()) + "}", whole,
                c.ages().stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"))};
    }

    /**
     * The oracle's common part over the source rows {@code p} of the range; {@code segment} is each row's breakdown
     * value in ns.seg (SQL over p, or null).
     */
    private static String base(String segment) {
        return BASE.replace("/*segment*/", segment == null ? "null::text" : segment);
    }

    private static final String BASE = """
            with args as (
                select cast(? as date) as d_from, cast(? as date) as d_to, cast(? as timestamptz) as as_of,
                       cast(? as text) as zone, cast(? as text) as grain, cast(? as bigint) as window_s,
                       cast(? as boolean) as any_order, cast(? as text[]) as steps, cast(? as boolean) as whole,
                       cast(? as int[]) as ages
            ),
            bounds as (
                select a.*, a.d_from::timestamp at time zone a.zone as t_from,
                       (a.d_to + 1)::timestamp at time zone a.zone as t_to,
                       make_interval(secs => a.window_s) as window_i,
                       array(select substr(column_name, 1, length(column_name) - 3)::text
                             from information_schema.columns
                             where table_schema = 'public' and table_name = 'onboarding_progresses'
                               and is_nullable = 'YES' and data_type like 'timestamp%'
                               and column_name like '%\\_at' and column_name not in ('created_at', 'updated_at')
                             order by ordinal_position) as actions
                from args a
            ),
            ns as (
                select p.namespace_id, p.created_at as c, to_jsonb(p) as j, /*segment*/ as seg,
                       case when b.whole then b.d_from
                            else greatest(date_trunc(b.grain, p.created_at at time zone b.zone)::date, b.d_from)
                       end as cohort
                from onboarding_progresses p cross join bounds b
                where p.created_at >= b.t_from and p.created_at < b.t_to and p.created_at <= b.as_of
            ),
            cohorts as (
                select b.d_from as cohort_start, b.d_to + 1 as cohort_end, false as partial from bounds b where b.whole
                union all
                select greatest(g::date, b.d_from), least((g + ('1 ' || b.grain)::interval)::date, b.d_to + 1),
                       g::date < b.d_from or (g + ('1 ' || b.grain)::interval)::date > b.d_to + 1
                from bounds b
                cross join generate_series(date_trunc(b.grain, b.d_from::timestamp), b.d_to::timestamp,
                                           ('1 ' || b.grain)::interval) g
                where not b.whole and greatest(g::date, b.d_from)::timestamp at time zone b.zone <= b.as_of
            ),
            step_list as (
                select 1 as k, 'created'::text as step
                union all
                select s.k + 1, s.name from bounds b cross join unnest(b.steps) with ordinality s(name, k)
            ),
            -- materialized: inlined, each attempt row would carry ns.j (the whole source row) into the sort for
            -- the window below, which spilled 77 MB for 16,000 namespaces and took half the funnel query's time
            attempts as materialized (
                select ns.namespace_id, ns.cohort, ns.c, ns.seg, sl.k, sl.step,
                       case when sl.k = 1 then ns.c
                            when raw.t <= b.as_of then greatest(raw.t, ns.c) end as e
                from ns cross join bounds b cross join step_list sl
                cross join lateral (select (ns.j ->> (sl.step || '_at'))::timestamptz as t) raw
            ),
            reached as (
                select a.*, bool_and(a.k = 1 or (a.e is not null and a.e - a.c <= b.window_i
                                                 and (b.any_order or a.e >= a.prev_e)))
                            over (partition by a.namespace_id order by a.k) as reached
                from (select at.*, lag(at.e) over (partition by at.namespace_id order by at.k) as prev_e
                      from attempts at) a
                cross join bounds b
            ),
            action_times as (
                select ns.namespace_id, ns.cohort, ns.c, ns.seg, act.name as action, raw.t,
                       case when raw.t <= b.as_of then greatest(raw.t, ns.c) end as e
                from ns cross join bounds b cross join unnest(b.actions) act(name)
                cross join lateral (select (ns.j ->> (act.name || '_at'))::timestamptz as t) raw
            )
            """;

    /** The segments to give rows for, in SQL: {@code labels(lbl)}. */
    private static String labels(List<String> segments) {
        return ", labels as (select unnest(array[" + segments.stream().map(v -> quote(v))
                .collect(Collectors.joining(", ")) + "]::text[]) as lbl)";
    }

    private static String funnelSql(String segment, String label, List<String> segments) {
        return base(segment) + labels(segments) + """
                , per_step as (
                    select /*label*/ as lbl, cohort, k, count(*) as n,
                           percentile_disc(0.5) within group (order by extract(epoch from e - c) / 3600) as p50,
                           percentile_disc(0.9) within group (order by extract(epoch from e - c) / 3600) as p90
                    from reached where reached group by 1, 2, 3
                ),
                grid as (
                    select lb.lbl, co.cohort_start, co.cohort_end, co.partial, sl.k, sl.step, coalesce(ps.n, 0) as n,
                           ps.p50, ps.p90
                    from labels lb cross join cohorts co cross join step_list sl
                    left join per_step ps on ps.lbl = lb.lbl and ps.cohort = co.cohort_start and ps.k = sl.k
                )
                select g.lbl as segment, g.cohort_start, g.cohort_end, g.partial, g.k as step_number, g.step,
                       g.n as namespaces,
                       round(g.n::numeric / nullif(first_value(g.n) over w, 0), 4) as from_start,
                       round(g.n::numeric / nullif(coalesce(lag(g.n) over w, g.n), 0), 4) as from_previous,
                       g.p50, g.p90,
                       g.cohort_end::timestamp at time zone b.zone + b.window_i <= b.as_of as mature
                from grid g cross join bounds b
                window w as (partition by g.lbl, g.cohort_start order by g.k)
                order by g.lbl, g.cohort_start, g.k
                """.replace("/*label*/", label);
    }

    private static String completionSql(String segment, String label, List<String> segments) {
        return base(segment) + labels(segments) + """
                , sizes as (select /*label*/ as lbl, cohort, count(*) as n from ns group by 1, 2),
                done as (
                    select /*label*/ as lbl, at.cohort, at.action, age.days, count(*) as completed
                    from action_times at cross join bounds b cross join unnest(b.ages) age(days)
                    where at.e is not null and at.e - at.c <= make_interval(secs => age.days * 86400)
                    group by 1, 2, 3, 4
                )
                select lb.lbl as segment, co.cohort_start, co.cohort_end, co.partial, act.name as action,
                       age.days as age_days, coalesce(s.n, 0) as namespaces, coalesce(d.completed, 0) as completed,
                       round(coalesce(d.completed, 0)::numeric / nullif(s.n, 0), 4) as rate,
                       co.cohort_end::timestamp at time zone b.zone + make_interval(secs => age.days * 86400)
                           <= b.as_of as mature
                from labels lb cross join cohorts co cross join bounds b cross join unnest(b.actions) act(name)
                cross join unnest(b.ages) age(days)
                left join sizes s on s.lbl = lb.lbl and s.cohort = co.cohort_start
                left join done d on d.lbl = lb.lbl and d.cohort = co.cohort_start and d.action = act.name
                    and d.days = age.days
                order by 1, 2, 5, 6
                """.replace("/*label*/", label);
    }

    private static String qualitySql() {
        return base(null) + """
                select v.check_name, act.name as action,
                       count(at.namespace_id) filter (where case v.check_name
                           when 'action_before_creation' then at.t < at.c
                           else at.t > b.as_of end) as findings,
                       (select count(*) from ns) as rows_checked
                from bounds b cross join unnest(b.actions) act(name)
                cross join (values ('action_before_creation'), ('action_after_as_of')) v(check_name)
                left join action_times at on at.action = act.name
                group by v.check_name, act.name
                """;
    }

    private static String dropoffSql() {
        return base(null) + """
                , last_reached as (
                    select namespace_id, cohort, max(k) as k from reached where reached group by 1, 2
                )
                select l.namespace_id, l.cohort as cohort_start, l.k as last_step_number, r.step as last_step,
                       r.e as last_step_at
                from last_reached l join reached r on r.namespace_id = l.namespace_id and r.k = l.k
                where l.k < (select count(*) from step_list)
                """;
    }

    private static String rowsInRange() {
        return base(null) + "select count(*) from ns";
    }
}
