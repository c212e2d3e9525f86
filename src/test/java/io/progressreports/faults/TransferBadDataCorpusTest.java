package io.progressreports.faults;

import io.progressreports.TestDatabase;
import io.progressreports.cli.ProgressReportsCommand;
import io.progressreports.report.Manifest;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.progressreports.OracleChecks.assertNoProblems;
import static io.progressreports.OracleChecks.check;
import static io.progressreports.OracleChecks.readCsv;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The transfer-speed job over a corpus holding every anomaly class of design.md's transfer semantics in known
 * numbers (src/test/resources/faults/transfer-corpus.sql), read from a copy of the tables, from a view with
 * bigint item counts whose sums pass 2^53 and from one with numeric item counts, some with fractions: every row of
 * every computed day is used, rejected (with the first rule it breaks) or untimed, as SQL written from the design classifies it, and counts and sums match exactly.
 */
class TransferBadDataCorpusTest {

    private static final String AS_OF = "2026-10-31 12:00:00+00";

    /** design.md's classification of completed transfers, and the day each belongs to, in SQL. */
    private static final String CLASSIFIED = """
            with joined as (
                select s.id, s.status, s.total_items, s.completed_items, s.updated_at, t.id is not null as timed,
                       t.started_at, t.finished_at
                from %s s left join timings_copy t on t.deployment_step_id = s.id
                where s.step = 'transfer_files'),
            classified as (
                select *,
                       case when status is null or lower(status) <> 'completed' then 'other_status'
                            when not timed then 'untimed'
                            when finished_at is null or not isfinite(finished_at) then 'finished_at_missing'
                            when started_at is null or not isfinite(started_at) then 'started_at_missing'
                            when finished_at <= started_at then 'duration_not_positive'
                            when completed_items is null then 'completed_items_missing'
                            when completed_items <> trunc(completed_items) or total_items <> trunc(total_items)
                                then 'items_fractional'
                            when completed_items < 0 then 'completed_items_negative'
                            when completed_items > total_items then 'completed_items_over_total'
                            else 'used' end as outcome,
                       case when timed and isfinite(finished_at) then finished_at else updated_at end as placed_at
                from joined)
            select (placed_at at time zone 'UTC')::date::text as day, outcome, count(*) as rows,
                   coalesce(sum(case when outcome = 'used' then completed_items end), 0)::numeric(30)::text as items,
                   coalesce(sum(case when outcome = 'used' then extract(epoch from finished_at - started_at) end),
                       0) as seconds
            from classified
            where placed_at >= '2026-10-01 00:00+00' and placed_at < '2026-11-01 00:00+00'
              and placed_at <= '%s'
            group by 1, 2""";

    private static JdbcTemplate source;
    private static String sourceUrl;

    @TempDir
    static Path dir;

    @BeforeAll
    static void createCorpus() throws IOException {
        sourceUrl = Corpus.create("transfer-corpus.sql");
        source = TestDatabase.jdbc(sourceUrl);
        Files.createDirectories(dir.resolve("jobs"));
        for (String table : List.of("steps_copy", "steps_wide", "steps_numeric")) {
            Files.writeString(dir.resolve("jobs").resolve(table.replace('_', '-') + ".yml"), """
                    kind: transfer-speed
                    steps-table: %s
                    timings-table: timings_copy
                    grain: day
                    """.formatted(table));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"steps_copy", "steps_wide", "steps_numeric"})
    void everyRowOfEveryDayIsUsedRejectedOrUntimedAsSqlSaysWithExactSums(String table) throws IOException {
        Path report = run(table);
        Map<String, Map<String, Outcome>> sql = classified(table);
        var problems = new ArrayList<String>();
        List<?> days = (List<?>) Manifest.read(report.resolve(Manifest.FILE)).get("computed_days");
        assertThat(days).as("computed days").hasSize(31);
        for (Object entry : days) {
            @SuppressWarnings("unchecked")
            Map<String, Object> day = (Map<String, Object>) entry;
            Map<String, Outcome> expected = sql.getOrDefault((String) day.get("day"), Map.of());
            long used = rows(expected, "used");
            long untimed = rows(expected, "untimed");
            long other = rows(expected, "other_status");
            long rejected = expected.values().stream().mapToLong(Outcome::rows).sum() - used - untimed - other;
            check(problems, day.get("day") + " used", number(day.get("used")), used);
            check(problems, day.get("day") + " rejected", number(day.get("rejected")), rejected);
            check(problems, day.get("day") + " untimed", number(day.get("untimed")), untimed);
            check(problems, day.get("day") + " other_statuses", number(day.get("other_statuses")), other);
            check(problems, day.get("day") + " read", number(day.get("read")), used + rejected + untimed + other);
        }
        for (CSVRecord row : readCsv(report.resolve("transfer_speed.csv"), SPEED_COLUMNS)) {
            Outcome used = sql.getOrDefault(row.get("period_start"), Map.of()).get("used");
            check(problems, row.get("period_start") + " transfers", Long.parseLong(row.get("transfers")),
                    used == null ? 0 : used.rows());
            check(problems, row.get("period_start") + " items", row.get("items"), used == null ? "0" : used.items());
            check(problems, row.get("period_start") + " seconds",
                    new BigDecimal(row.get("seconds")).stripTrailingZeros(),
                    used == null ? BigDecimal.ZERO : used.seconds().stripTrailingZeros());
        }
        var rejects = new HashMap<String, Long>();
        List<CSVRecord> rejectRows = readCsv(report.resolve("rejects.csv"), REJECT_COLUMNS);
        if (table.equals("steps_numeric")) {
            assertThat(rejectRows).as("fractional counts, shown as the source has them")
                    .filteredOn(row -> row.get("reason").equals("items_fractional"))
                    .extracting(row -> row.get("completed_items") + "/" + row.get("total_items"))
                    .isNotEmpty().allMatch(counts -> counts.matches(".*\\.(25|5).*"));
        }
        rejectRows.forEach(row -> rejects.merge(row.get("day") + " " + row.get("reason"), 1L, Long::sum));
        var expectedRejects = new HashMap<String, Long>();
        sql.forEach((day, outcomes) -> outcomes.forEach((outcome, o) -> {
            if (!List.of("used", "untimed", "other_status").contains(outcome)) {
                expectedRejects.put(day + " " + outcome, o.rows());
            }
        }));
        check(problems, "rejects.csv lines per day and reason", rejects, expectedRejects);
        assertNoProblems(table, problems);
    }

    @Test
    void eachStepKindsDurationsCountOnlyFiniteTimesAsSqlDoes() throws IOException {
        Path report = run("steps_copy");
        var steps = new HashMap<String, Long>();
        readCsv(report.resolve("step_duration.csv"), List.of("period_start", "period_end", "step", "steps",
                "total_seconds", "p50_seconds", "p90_seconds", "p99_seconds", "max_seconds", "partial"))
                .forEach(row -> steps.put(row.get("period_start") + " " + row.get("step"),
                        Long.parseLong(row.get("steps"))));
        var expected = new HashMap<String, Long>();
        source.query("""
                select (t.finished_at at time zone 'UTC')::date::text || ' ' || s.step, count(*)
                from steps_copy s join timings_copy t on t.deployment_step_id = s.id
                where s.status = 'completed' and isfinite(t.started_at) and isfinite(t.finished_at)
                  and t.finished_at > t.started_at and t.finished_at >= '2026-10-01 00:00+00'
                  and t.finished_at <= '%s'
                group by 1""".formatted(AS_OF), rs -> {
            expected.put(rs.getString(1), rs.getLong(2));
        });
        assertThat(steps).isEqualTo(expected);
    }

    @Test
    void infiniteTimesAppearInRejectsAsPostgreSQLWritesThem() throws IOException {
        List<CSVRecord> rejects = readCsv(run("steps_copy").resolve("rejects.csv"), REJECT_COLUMNS);
        assertThat(rejects).filteredOn(row -> row.get("deployment_step_id").equals("122"))
                .singleElement().satisfies(row -> {
                    assertThat(row.get("reason")).isEqualTo("finished_at_missing");
                    assertThat(row.get("day")).isEqualTo("2026-10-06");
                    assertThat(row.get("finished_at")).isEqualTo("infinity");
                });
        assertThat(rejects).filteredOn(row -> row.get("deployment_step_id").equals("120"))
                .singleElement().satisfies(row -> assertThat(row.get("started_at")).isEqualTo("-infinity"));
    }

    private static final List<String> SPEED_COLUMNS = List.of("period_start", "period_end", "transfers", "items",
            "seconds", "items_per_second", "p50_items_per_second", "p90_items_per_second", "p99_items_per_second",
            "max_items_per_second", "rejected", "untimed", "partial");
    private static final List<String> REJECT_COLUMNS = List.of("deployment_step_id", "day", "reason", "started_at",
            "finished_at", "completed_items", "total_items");

    private record Outcome(long rows, String items, BigDecimal seconds) {
    }

    private static Path run(String table) {
        String job = table.replace('_', '-');
        Path out = dir.resolve("out-" + job + "-" + System.nanoTime());
        assertThat(ProgressReportsCommand.execute("run", job, "--jobs-dir", dir.resolve("jobs").toString(),
                "--source-url", sourceUrl, "--store-url", TestDatabase.newStoreUrl(), "--out", out.toString(),
                "--from", "2026-10-01", "--to", "2026-10-31", "--as-of", "2026-10-31T12:00:00Z", "--latest")).as(job).isZero();
        return out.resolve(job).resolve("latest");
    }

    /** Day, then outcome ("used", "untimed" or a reject reason), as SQL classifies the rows. */
    private static Map<String, Map<String, Outcome>> classified(String table) {
        var days = new HashMap<String, Map<String, Outcome>>();
        source.query(CLASSIFIED.formatted(table, AS_OF), rs -> {
            days.computeIfAbsent(rs.getString("day"), d -> new HashMap<>()).put(rs.getString("outcome"),
                    new Outcome(rs.getLong("rows"), rs.getString("items"), rs.getBigDecimal("seconds")));
        });
        return days;
    }

    private static long rows(Map<String, Outcome> outcomes, String outcome) {
        Outcome o = outcomes.get(outcome);
        return o == null ? 0 : o.rows();
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }
}
