package io.progressreports.funnel;

import io.progressreports.TestDatabase;
import io.progressreports.cli.ProgressReportsCommand;
import io.progressreports.report.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A second run over the same range reuses the stored final days and writes the same bytes. */
class FunnelRerunTest {

    private static final List<String> CSVS = List.of("funnel.csv", "funnel_summary.csv", "completion_by_age.csv",
            "data_quality.csv", "dropoffs.csv", "funnel.png", "conversion_trend.png");

    @TempDir
    Path out;

    private int run(String storeUrl, String... extra) {
        var args = new java.util.ArrayList<>(List.of("run", "onboarding-funnel", "--source-url",
                TestDatabase.seededSourceUrl(), "--store-url", storeUrl, "--out", out.toString(), "--from",
                "2026-08-01", "--to", "2026-10-31", "--as-of", "2026-11-01T00:00:00Z", "--dropoffs"));
        args.addAll(List.of(extra));
        return ProgressReportsCommand.execute(args.toArray(String[]::new));
    }

    @Test
    void aSecondRunReusesFinalDaysAndWritesByteIdenticalFiles() throws IOException {
        String store = TestDatabase.newStoreUrl();
        Path report = out.resolve("onboarding-funnel/2026-08-01_2026-10-31");

        assertThat(run(store)).isZero();
        Map<String, byte[]> first = read(report);
        Map<String, Object> firstManifest = Manifest.read(report.resolve(Manifest.FILE));

        assertThat(run(store)).isZero();
        Map<String, Object> secondManifest = Manifest.read(report.resolve(Manifest.FILE));

        // 92 days; a day is final once it ended 30 days (the window) before as-of: Aug 1 to Oct 1.
        assertThat(firstManifest.get("days")).isEqualTo(Map.of("computed", 92, "reused", 0,
                "computed_because", Map.of("new", 92)));
        assertThat(secondManifest.get("days")).isEqualTo(Map.of("computed", 30, "reused", 62,
                "computed_because", Map.of("not final", 30)));
        assertThat(read(report)).containsExactlyInAnyOrderEntriesOf(first);
        assertThat(Files.readSymbolicLink(out.resolve("onboarding-funnel/latest")))
                .isEqualTo(Path.of("2026-08-01_2026-10-31"));
    }

    @Test
    void recomputeRedoesEveryDayAndStillAgrees() throws IOException {
        String store = TestDatabase.newStoreUrl();
        Path report = out.resolve("onboarding-funnel/2026-08-01_2026-10-31");
        assertThat(run(store)).isZero();
        Map<String, byte[]> first = read(report);

        assertThat(run(store, "--recompute")).isZero();

        assertThat(Manifest.read(report.resolve(Manifest.FILE)).get("days"))
                .isEqualTo(Map.of("computed", 92, "reused", 0, "computed_because", Map.of("recompute requested", 92)));
        assertThat(read(report)).containsExactlyInAnyOrderEntriesOf(first);
    }

    private static Map<String, byte[]> read(Path report) throws IOException {
        var files = new java.util.HashMap<String, byte[]>();
        for (String name : CSVS) {
            files.put(name, Files.readAllBytes(report.resolve(name)));
        }
        return files;
    }
}
