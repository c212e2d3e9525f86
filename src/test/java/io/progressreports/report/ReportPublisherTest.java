package io.progressreports.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writers of one output folder leave each other alone: a writer removes the staging folders, links and replaced
 * reports of processes that no longer run, never those of a process still writing.
 */
class ReportPublisherTest {

    /** Another process that runs as long as the machine: PID 1, in any PID namespace. */
    private static final long RUNNING = 1;
    /** Linux process ids stop at 2^22 (pid_max), so no process ever has this one. */
    private static final long GONE = Integer.MAX_VALUE;

    @TempDir
    Path jobDir;

    @Test
    void leavesARunningWritersStagingAloneAndCleansUpAfterGoneOnes() throws Exception {
        assertThat(ProcessHandle.of(RUNNING)).isPresent();
        assertThat(ProcessHandle.of(GONE)).isEmpty();
        Path running = Files.createDirectories(jobDir.resolve(".staging-p" + RUNNING + "-1234"));
        Files.writeString(running.resolve("funnel.csv"), "half written");
        Path runningLink = Files.createSymbolicLink(jobDir.resolve(".latest-p" + RUNNING), Path.of("x"));
        Path crashed = Files.createDirectories(jobDir.resolve(".staging-p" + GONE + "-5678"));
        Path olderVersion = Files.createDirectories(jobDir.resolve(".staging-98765"));
        // A crash between moving the old report aside and moving its successor in: the old one comes back.
        Path replaced = Files.createDirectories(jobDir.resolve(".replaced-p" + GONE + "-2026-10-01_2026-10-31"));

        Path published = new ReportPublisher(jobDir).write("2026-11-01_2026-11-30", true, dir -> List.of(),
                Map.of("job", "test"));

        assertThat(running.resolve("funnel.csv")).hasContent("half written");
        assertThat(runningLink).isSymbolicLink();
        assertThat(crashed).doesNotExist();
        assertThat(olderVersion).doesNotExist();
        assertThat(replaced).doesNotExist();
        assertThat(jobDir.resolve("2026-10-01_2026-10-31")).isDirectory();
        assertThat(published).isEqualTo(jobDir.resolve("2026-11-01_2026-11-30"));
        assertThat(Files.readSymbolicLink(jobDir.resolve(ReportPublisher.LATEST))).isEqualTo(Path.of(
                "2026-11-01_2026-11-30"));
    }

    @Test
    void aReportPublishedWithoutLatestLeavesLatestWhereItWas() throws IOException {
        var publisher = new ReportPublisher(jobDir);
        publisher.write("2026-10-02_2026-10-31", true, dir -> List.of(), Map.of("job", "test"));
        Path adhoc = publisher.write("2026-10-02_2026-10-31-adhoc-0123abcd", false, dir -> List.of(),
                Map.of("job", "test"));

        assertThat(adhoc).isDirectory();
        assertThat(Files.readSymbolicLink(jobDir.resolve(ReportPublisher.LATEST)))
                .isEqualTo(Path.of("2026-10-02_2026-10-31"));
    }
}
