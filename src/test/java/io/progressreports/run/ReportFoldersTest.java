package io.progressreports.run;

import io.progressreports.CliRun;
import io.progressreports.ReportFiles;
import io.progressreports.TestDatabase;
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

/**
 * Reports keep their identity: the job file's own definition owns {@code <from>_<to>} and {@code latest}; a run
 * with other settings publishes beside it, leaves latest alone unless told, and history tells the runs apart.
 */
class ReportFoldersTest {

    private static final String NIGHTLY = "2026-10-02_2026-10-31";

    @TempDir
    Path out;

    private final String store = TestDatabase.newStoreUrl();

    /** With the nightly run's range and as-of unless {@code flags} give an as-of. */
    private CliRun run(String... flags) {
        var command = new ArrayList<>(List.of("run", "onboarding-funnel", "--source-url",
                TestDatabase.seededSourceUrl(), "--store-url", store, "--out", out.toString()));
        if (!List.of(flags).contains("--as-of")) {
            command.addAll(List.of("--last", "30", "--as-of", "2026-11-01T00:00:00Z"));
        }
        command.addAll(List.of(flags));
        CliRun run = CliRun.of(command);
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run;
    }

    private static Path published(CliRun run) {
        return Path.of(run.lines().get(run.lines().size() - 1).substring("report: ".length()));
    }

    private Path latest() throws IOException {
        return Files.readSymbolicLink(out.resolve("onboarding-funnel/latest"));
    }

    @Test
    void anAdHocRunPublishesBesideTheNightlyReportAndLeavesLatestAloneUnlessAsked() throws IOException {
        Path nightly = published(run());
        assertThat(nightly.getFileName().toString()).isEqualTo(NIGHTLY);
        assertThat(latest()).isEqualTo(Path.of(NIGHTLY));
        Map<String, String> nightlyFiles = ReportFiles.hashes(nightly);

        // The case that replaced the nightly funnel with a one-step one.
        Path oneStep = published(run("--steps", "git_write", "--window", "1d"));
        assertThat(oneStep.getFileName().toString()).matches(NIGHTLY + "-adhoc-[0-9a-f]{8}");
        assertThat(latest()).isEqualTo(Path.of(NIGHTLY));
        assertThat(ReportFiles.hashes(nightly)).isEqualTo(nightlyFiles);

        // Another as-of than the nightly run's is another report too, and another zone another again.
        Path earlier = published(run("--from", "2026-10-02", "--to", "2026-10-31", "--as-of",
                "2026-10-20T00:00:00Z"));
        Path berlin = published(run("--zone", "Europe/Berlin"));
        assertThat(List.of(oneStep, earlier, berlin)).doesNotHaveDuplicates().doesNotContain(nightly);
        assertThat(latest()).isEqualTo(Path.of(NIGHTLY));
        // Flags that repeat the job file's values are no override: the nightly report again.
        assertThat(published(run("--zone", "UTC", "--window", "30d"))).isEqualTo(nightly);
        nightlyFiles = ReportFiles.hashes(nightly);

        Path chosen = published(run("--steps", "git_write", "--window", "1d", "--latest"));
        assertThat(chosen).isEqualTo(oneStep);
        assertThat(latest()).isEqualTo(oneStep.getFileName());
        assertThat(ReportFiles.hashes(nightly)).isEqualTo(nightlyFiles);

        CliRun history = CliRun.of(List.of("history", "--store-url", store, "--csv"));
        assertThat(history.exitCode()).as(history.err()).isZero();
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(history.out())).getRecords();
        assertThat(rows).extracting(row -> row.get("definition")).containsExactly(
                "steps=git_write window=PT24H", "job file",
                // 00:00 UTC is 01:00 in Berlin: not the start of the day after the range, as the nightly's as-of is
                "zone=Europe/Berlin as-of=2026-11-01T00:00:00Z", "as-of=2026-10-20T00:00:00Z",
                "steps=git_write window=PT24H", "job file");
        assertThat(rows).extracting(row -> Path.of(row.get("folder"))).containsExactly(oneStep, nightly, berlin,
                earlier, oneStep, nightly);
        assertThat(rows).extracting(row -> row.get("zone")).containsExactly("UTC", "UTC", "Europe/Berlin", "UTC",
                "UTC", "UTC");
        assertThat(rows).extracting(row -> row.get("table")).containsOnly("public.onboarding_progresses");
    }
}
