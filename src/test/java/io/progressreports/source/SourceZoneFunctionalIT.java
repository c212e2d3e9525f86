package io.progressreports.source;

import io.progressreports.CliProcess;
import io.progressreports.ReportFiles;
import io.progressreports.TestDatabase;
import io.progressreports.cli.ProgressReportsCommand;
import io.progressreports.report.Manifest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code timestamp without time zone} columns hold wall times in the declared source zone, whatever the process's
 * TZ and locale. The case that failed before: the same funnel gave other October signups under TZ=UTC and under
 * TZ=America/New_York, because pgjdbc read naive times in the JVM's zone. Three copies of one synthetic source
 * (made once, copied by the server): with timestamptz columns as the oracle, with naive UTC wall times (as Rails stores
 * them), and with naive New York wall times read with --source-zone America/New_York. Every file of every run must
 * be byte for byte the oracle's.
 */
class SourceZoneFunctionalIT {

    private static final List<String> JOBS = List.of("onboarding-funnel", "transfer-speed");
    private static final List<String> TABLES = List.of("onboarding_progresses", "deployments", "deployment_steps",
            "deployment_step_timings");
    private static final String FROM = "2026-09-01";
    private static final String TO = "2026-10-31";

    private static String withZone;
    private static String naiveUtc;
    private static String naiveNewYork;

    @TempDir
    static Path work;

    @BeforeAll
    static void sources() {
        withZone = TestDatabase.newSourceUrl(2_000, 20, 90);
        naiveUtc = TestDatabase.copyOf(withZone);
        naiveNewYork = TestDatabase.copyOf(withZone);
        makeNaive(TestDatabase.jdbc(naiveUtc), "UTC");
        makeNaive(TestDatabase.jdbc(naiveNewYork), "America/New_York");
    }

    /** Every timestamptz column of the source tables becomes a naive wall time in {@code zone}. */
    private static void makeNaive(JdbcTemplate source, String zone) {
        for (String table : TABLES) {
            List<String> columns = source.queryForList("select attname from pg_attribute where attrelid = ?::regclass"
                    + " and attnum > 0 and not attisdropped and atttypid = 'timestamptz'::regtype", String.class,
                    table);
            String alter = columns.stream().map(column -> "alter column " + column + " type timestamp using "
                    + column + " at time zone '" + zone + "'").reduce((a, b) -> a + ", " + b).orElseThrow();
            source.execute("alter table " + table + " " + alter);
        }
    }

    private static List<String> arguments(String job, String source, Path out, String... extra) {
        var args = new ArrayList<>(List.of("run", job, "--source-url", source, "--store-url",
                TestDatabase.newStoreUrl(), "--out", out.toString(), "--from", FROM, "--to", TO, "--as-of",
                "2026-11-01T00:00:00Z"));
        args.addAll(List.of(extra));
        return args;
    }

    private static Map<String, byte[]> files(Path out, String job) throws IOException {
        var files = new TreeMap<String, byte[]>();
        try (var listing = Files.list(out.resolve(job).resolve(FROM + "_" + TO))) {
            // The manifest and the page show the source itself (its zone, its naive columns), which differ here.
            for (Path file : listing.filter(file -> !file.getFileName().toString().equals(Manifest.FILE)
                    && !file.getFileName().toString().equals(ReportFiles.PAGE)).toList()) {
                files.put(file.getFileName().toString(), Files.readAllBytes(file));
            }
        }
        return files;
    }

    private static void runProcess(String job, String source, Path out, Map<String, String> environment,
                                   Map<String, String> properties) {
        try (CliProcess process = CliProcess.start(work.resolve("logs"), Path.of(""), properties, environment,
                arguments(job, source, out).toArray(String[]::new))) {
            assertThat(process.waitFor(Duration.ofMinutes(5))).as(process.stderr()).isZero();
        }
    }

    @Test
    void naiveTimesGiveTheSameBytesUnderAnyProcessZoneAndLocale() throws IOException {
        for (String job : JOBS) {
            Path oracle = work.resolve("oracle");
            assertThat(ProgressReportsCommand.execute(arguments(job, withZone, oracle).toArray(String[]::new)))
                    .isZero();
            Map<String, byte[]> expected = files(oracle, job);

            Path utc = work.resolve("utc-c");
            runProcess(job, naiveUtc, utc, Map.of("TZ", "UTC", "LC_ALL", "C", "LANG", "C"),
                    Map.of("user.language", "en", "user.country", "US"));
            Path newYork = work.resolve("new-york-de");
            runProcess(job, naiveUtc, newYork, Map.of("TZ", "America/New_York", "LC_ALL", "de_DE.UTF-8", "LANG",
                    "de_DE.UTF-8"), Map.of("user.language", "de", "user.country", "DE"));
            Path declared = work.resolve("declared-new-york");
            assertThat(ProgressReportsCommand.execute(arguments(job, naiveNewYork, declared, "--source-zone",
                    "America/New_York").toArray(String[]::new))).isZero();

            assertThat(expected).as(job).containsKey(job.equals("transfer-speed") ? "transfer_speed.csv"
                    : "funnel.csv");
            for (Path run : List.of(utc, newYork, declared)) {
                Map<String, byte[]> actual = files(run, job);
                assertThat(actual.keySet()).as(job + " " + run).isEqualTo(expected.keySet());
                expected.forEach((name, bytes) -> assertThat(actual.get(name)).as(job + " " + run + " " + name)
                        .isEqualTo(bytes));
            }
            @SuppressWarnings("unchecked")
            var source = (Map<String, Object>) Manifest.read(declared.resolve(job).resolve(FROM + "_" + TO)
                    .resolve(Manifest.FILE)).get("source");
            assertThat(source.get("source_zone")).isEqualTo("America/New_York");
            assertThat((List<String>) source.get("naive_columns")).as(job).isNotEmpty()
                    .allMatch(column -> column.startsWith("public."));
        }
    }
}
