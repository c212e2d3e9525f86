package io.progressreports.history;

import io.progressreports.CliRun;
import io.progressreports.TestDatabase;
import io.progressreports.demo.SourceSchema;
import io.progressreports.demo.SyntheticDeploymentData;
import io.progressreports.failure.ExitCodes;
import io.progressreports.report.Manifest;
import io.progressreports.report.Column;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** history shows each run of each job as the store recorded it, with the figures of its manifest. */
class HistoryCommandTest {

    private static final String AS_OF = "2026-11-01T00:00:00Z";

    @TempDir
    Path dir;

    private String store = TestDatabase.newStoreUrl();

    private int run(String job, String sourceUrl, Path reports) {
        CliRun run = CliRun.of(List.of("run", job, "--source-url", sourceUrl, "--store-url", store, "--out",
                reports.toString(), "--from", "2026-09-01", "--to", "2026-10-31", "--as-of", AS_OF));
        return run.exitCode();
    }

    private Map<String, Object> manifest(String job) {
        return Manifest.read(dir.resolve("reports").resolve(job).resolve("2026-09-01_2026-10-31")
                .resolve(Manifest.FILE));
    }

    private CliRun history(String... args) {
        var command = new ArrayList<>(List.of("history", "--store-url", store));
        command.addAll(List.of(args));
        return CliRun.of(command);
    }

    /** The output of a history command that must succeed. */
    private String historyOut(String... args) {
        CliRun history = history(args);
        assertThat(history.exitCode()).as(history.err()).isZero();
        return history.out();
    }

    @Test
    void showsEveryRunWithTheFiguresOfItsManifestAndTheExitCodeItEndedWith() throws IOException {
        String deployments = TestDatabase.newDatabaseUrl();
        var source = TestDatabase.dataSource(deployments);
        SourceSchema.migrate(source);
        SyntheticDeploymentData.generate(source, new SyntheticDeploymentData.Settings(40, 70, 3, TestDatabase.NOW));
        Path reports = dir.resolve("reports");

        assertThat(run("onboarding-funnel", TestDatabase.seededSourceUrl(), reports)).isZero();
        Map<String, Object> firstFunnel = manifest("onboarding-funnel");
        assertThat(run("onboarding-funnel", TestDatabase.seededSourceUrl(), reports)).isZero();
        Map<String, Object> secondFunnel = manifest("onboarding-funnel");
        assertThat(run("transfer-speed", deployments, reports)).isZero();
        Map<String, Object> transfer = manifest("transfer-speed");
        Path notAFolder = Files.writeString(dir.resolve("not-a-folder"), "");
        assertThat(run("onboarding-funnel", TestDatabase.seededSourceUrl(), notAFolder))
                .isEqualTo(ExitCodes.CANNOT_CREATE);

        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(historyOut("--csv"))).getRecords();
        assertThat(rows).extracting(row -> row.get("job")).containsExactly("onboarding-funnel", "onboarding-funnel",
                "onboarding-funnel", "transfer-speed");
        CSVRecord failed = rows.get(0);
        assertThat(failed.get("status")).isEqualTo("FAILED");
        assertThat(failed.get("exit_code")).isEqualTo("73");
        assertFigures(rows.get(1), secondFunnel);
        assertFigures(rows.get(2), firstFunnel);
        assertFigures(rows.get(3), transfer);
        assertThat(rows.get(1).get("days_reused")).isNotEqualTo("0");
        assertThat(rows.get(1).get("untimed")).isEmpty();
        assertThat(rows.get(3).get("untimed")).isEqualTo(text(map(transfer.get("rows")).get("untimed")));
        CSVRecord row = rows.get(3);
        assertThat(row.get("from")).isEqualTo("2026-09-01");
        assertThat(row.get("to")).isEqualTo("2026-10-31");
        assertThat(row.get("as_of")).isEqualTo(AS_OF);
        assertThat(row.get("grain")).isEqualTo("day");
        assertThat(row.get("recompute")).isEqualTo("false");
        assertThat(row.get("start")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(Double.parseDouble(row.get("duration"))).isPositive();
        assertThat(row.get("zone")).isEqualTo("UTC");
        assertThat(row.get("table")).isEqualTo("public.deployment_steps, public.deployment_step_timings");
        assertThat(row.get("definition")).isEqualTo("job file");
        assertThat(Path.of(row.get("folder"))).isEqualTo(reports.resolve("transfer-speed/2026-09-01_2026-10-31"));
        assertThat(rows.get(1).get("table")).isEqualTo("public.onboarding_progresses");

        List<String> lines = historyOut().lines().toList();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).startsWith("execution_id  job")
                .contains("days_reused  exit_code  zone  table").endsWith("definition  folder");
        assertThat(lines.get(1)).contains("onboarding-funnel").contains("FAILED").contains(" 73  UTC  ")
                .endsWith(notAFolder.resolve("onboarding-funnel/2026-09-01_2026-10-31").toString());
        assertThat(lines.get(4)).contains("transfer-speed").contains("COMPLETED").contains(" 0  UTC  ");

        assertThat(historyOut("--job", "onboarding-funnel", "--limit", "2").lines()).hasSize(3)
                .noneMatch(line -> line.contains("transfer-speed"));
    }

    private static void assertFigures(CSVRecord row, Map<String, Object> manifest) {
        assertThat(row.get("execution_id")).isEqualTo(text(manifest.get("execution_id")));
        assertThat(row.get("status")).isEqualTo("COMPLETED");
        assertThat(row.get("exit_code")).isEqualTo("0");
        assertThat(row.get("rows_read")).isEqualTo(text(map(manifest.get("rows")).get("read")));
        assertThat(row.get("rejected")).isEqualTo(text(map(manifest.get("rows")).get("rejected")));
        assertThat(row.get("days_computed")).isEqualTo(text(map(manifest.get("days")).get("computed")));
        assertThat(row.get("days_reused")).isEqualTo(text(map(manifest.get("days")).get("reused")));
    }

    @Test
    void aStoreWithoutRunsPrintsAHeaderOrSaysSo() {
        assertThat(historyOut()).isEqualTo("no runs yet" + System.lineSeparator());
        assertThat(historyOut("--csv")).isEqualTo(String.join(",", Column.names(RunRow.COLUMNS)) + "\r\n");
    }

    @Test
    void anUnreachableStoreExits69InOneLineWithoutItsPassword() {
        store = "jdbc:postgresql://127.0.0.1:1/store?user=reports&password=hunter2";
        CliRun history = history();
        assertThat(history.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(history.out()).isEmpty();
        assertThat(history.err().lines().filter(line -> line.startsWith("progress-reports: "))).hasSize(1);
        assertThat(history.err()).doesNotContain("hunter2");
    }

    @Test
    void aLimitBelowOneIsBadUsage() {
        assertThat(history("--limit", "0").exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    private static String text(Object value) {
        return value.toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
