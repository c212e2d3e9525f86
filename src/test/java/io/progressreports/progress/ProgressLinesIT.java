package io.progressreports.progress;

import io.progressreports.CliProcess;
import io.progressreports.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** A run without a terminal (as from cron) logs its progress: estimate, rows read, rate, ETA, then the total. */
class ProgressLinesIT {

    private static final Pattern ESTIMATE = Pattern.compile(
            "onboarding-funnel: about ([\\d,]+) rows to read in (\\d+) partitions");
    private static final Pattern LINE = Pattern.compile(
            "onboarding-funnel: ([\\d,]+) of ~([\\d,]+) rows \\((\\d+)%\\), ([\\d,]+) rows/s, (ETA .+|past the estimate)");
    private static final Pattern TOTAL = Pattern.compile("onboarding-funnel: read ([\\d,]+) rows \\(estimate ~([\\d,]+)\\)");

    @TempDir
    Path dir;

    @Test
    void aRunWithoutATerminalLogsItsProgressEveryIntervalAndTheRowsReadAtTheEnd() {
        String source = TestDatabase.seededSourceUrl();
        Instant asOf = Instant.parse("2026-11-01T00:00:00Z");
        long rows = TestDatabase.jdbc(source).queryForObject("select count(*) from onboarding_progresses "
                + "where created_at >= ? and created_at < ? and created_at <= ?", Long.class,
                Timestamp.from(Instant.parse("2026-07-01T00:00:00Z")), Timestamp.from(asOf), Timestamp.from(asOf));

        // Small chunks and one thread stretch the run over several intervals of 100 ms.
        try (var run = CliProcess.start(dir.resolve("logs"), Map.of("REPORTS_PROGRESS_INTERVAL", "100ms"), "run",
                "onboarding-funnel", "--from", "2026-07-01", "--to", "2026-10-31", "--as-of", asOf.toString(),
                "--out", dir.resolve("out").toString(), "--source-url", source, "--store-url",
                TestDatabase.newStoreUrl(), "--chunk-size", "100", "--threads", "1")) {
            assertThat(run.waitFor(Duration.ofMinutes(3))).as(run.stderr()).isZero();
            String log = run.stderr();

            long estimate = number(find(ESTIMATE, log).group(1));
            assertThat(estimate).as("planner estimate against the true %d rows", rows)
                    .isBetween(rows / 2, rows * 2);

            List<Matcher> lines = LINE.matcher(log).results().map(r -> find(LINE, r.group())).toList();
            assertThat(lines).as(log).isNotEmpty();
            for (Matcher line : lines) {
                assertThat(number(line.group(1))).isBetween(0L, rows);
                assertThat(number(line.group(2))).isEqualTo(estimate);
            }
            assertThat(lines.stream().map(line -> number(line.group(1))).toList()).isSorted();

            Matcher total = find(TOTAL, log);
            assertThat(number(total.group(1))).isEqualTo(rows);
            assertThat(number(total.group(2))).isEqualTo(estimate);
            assertThat(run.stdout()).startsWith("report: ").doesNotContain("rows");
        }
    }

    private static Matcher find(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        assertThat(matcher.find()).as("%s in:%n%s", pattern, text).isTrue();
        return matcher;
    }

    private static long number(String digits) {
        return Long.parseLong(digits.replace(",", ""));
    }
}
