package io.progressreports.faults;

import io.progressreports.CliRun;
import io.progressreports.TestDatabase;
import io.progressreports.failure.ExitCodes;
import io.progressreports.history.RunRow;
import io.progressreports.report.Manifest;
import io.progressreports.report.Column;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A source whose rows go bad past the job's max-reject-rate: the report and its rejects are still published and the
 * execution COMPLETED, but the process exits 65 in one line (rate, threshold, where the rejects are) and history
 * records 65. The same numbers under a higher threshold exit 0.
 */
class RejectThresholdTest {

    private static final String RANGE = "2026-10-01_2026-10-31";
    private static String source;

    @TempDir
    Path work;

    /** A fifth of the timings finish when they start: zero durations, rejected by the transfer-speed rules. */
    @BeforeAll
    static void sourceWithManyRejects() {
        source = TestDatabase.newSourceUrl(0, 40, 40);
        TestDatabase.jdbc(source).update(
                "update deployment_step_timings set finished_at = started_at where id % 5 = 0");
    }

    private CliRun run(String store, String... flags) {
        var args = new ArrayList<>(List.of("run", "transfer-speed", "--source-url", source, "--store-url", store,
                "--out", work.resolve("out").toString(), "--from", "2026-10-01", "--to", "2026-10-31", "--as-of",
                "2026-11-01T00:00:00Z"));
        args.addAll(List.of(flags));
        return CliRun.of(args);
    }

    @Test
    void overTheJobFilesThresholdExits65AfterPublishingAndHistoryShows65() {
        String store = TestDatabase.newStoreUrl();

        CliRun over = run(store);

        assertThat(over.exitCode()).as(over.err()).isEqualTo(ExitCodes.DATA);
        Path report = work.resolve("out/transfer-speed").resolve(RANGE).toAbsolutePath().normalize();
        List<String> errors = over.err().lines().filter(line -> line.startsWith("progress-reports: ")).toList();
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0)).matches("progress-reports: transfer-speed: \\d+(\\.\\d+)?% of rows rejected "
                + "\\(\\d+ of \\d+\\), over max-reject-rate 5%; the report is published, the rejects are in "
                + Pattern.quote(report.resolve("rejects.csv").toString()));
        assertThat(work.resolve("out/transfer-speed/latest/rejects.csv")).isNotEmptyFile();
        Map<String, Object> rejects = rejects(Manifest.read(report.resolve(Manifest.FILE)));
        assertThat(rejects).containsEntry("max_rate", 0.05).containsEntry("exceeded", true)
                .containsEntry("file", "rejects.csv");
        assertThat(TestDatabase.jdbc(store).queryForObject("select status from batch_job_execution", String.class))
                .isEqualTo("COMPLETED");

        CliRun under = run(store, "--max-reject-rate", "30%");

        assertThat(under.exitCode()).as(under.err()).isZero();
        Map<String, Object> reused = rejects(Manifest.read(report.resolve(Manifest.FILE)));
        assertThat(reused).containsEntry("max_rate", 0.3).containsEntry("exceeded", false)
                .containsEntry("rejected", rejects.get("rejected")).containsEntry("checked", rejects.get("checked"));
        List<String> history = CliRun.of(List.of("history", "--store-url", store, "--csv")).lines();
        assertThat(history).hasSize(3);
        int status = Column.names(RunRow.COLUMNS).indexOf("status");
        int exitCode = Column.names(RunRow.COLUMNS).indexOf("exit_code");
        assertThat(history.subList(1, 3)).map(line -> line.split(",", -1))
                .map(cells -> cells[status] + " " + cells[exitCode]).containsExactly("COMPLETED 0", "COMPLETED 65");
    }

    @Test
    void aThresholdOfOneHundredPercentAllowsAnyRejects() {
        assertThat(run(TestDatabase.newStoreUrl(), "--max-reject-rate", "1").exitCode()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"5", "-0.1", "1.5", "101%", "five", "0.05%%", ""})
    void aBadThresholdIsNamedInOneLineWithExit64(String value) {
        CliRun bad = run(TestDatabase.newStoreUrl(), "--max-reject-rate", value);

        assertThat(bad.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err().lines().toList()).containsExactly("progress-reports: --max-reject-rate '" + value
                + "' is not a reject rate: a fraction from 0 to 1 like 0.05, or a percentage from 0% to 100% like 5%");
        assertThat(work.resolve("out")).doesNotExist();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> rejects(Map<String, Object> manifest) {
        return (Map<String, Object>) manifest.get("rejects");
    }
}
