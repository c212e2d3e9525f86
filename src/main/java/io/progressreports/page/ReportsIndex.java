package io.progressreports.page;

import io.progressreports.report.Manifest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code <out>/index.html}: every job under {@code <out>} with its published reports, newest first, {@code latest}
 * marked and ad-hoc runs set apart. Rewritten whole after each publish, from what the folders hold, so it never
 * drifts from them; written beside and renamed into place, so a reader never sees half a page.
 */
public final class ReportsIndex {

    public static final String FILE = "index.html";
    private static final String LOCK = ".index.lock";
    private static final Logger LOG = LoggerFactory.getLogger(ReportsIndex.class);

    private ReportsIndex() {
    }

    /**
     * Rewrites {@code out/index.html}. Processes publishing into one {@code out} at once take turns (a file lock;
     * threads of one process, which a file lock does not separate, take turns on the class), so the last to write
     * has seen every report. The index is a convenience: a failure is logged, never fails the run whose report is
     * already published.
     */
    public static synchronized void rewrite(Path out) {
        try (FileChannel lock = FileChannel.open(out.resolve(LOCK), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock held = lock.lock()) {
            Path staged = out.resolve(".index-p" + ProcessHandle.current().pid() + ".html");
            PageTemplates.render("reports.jte", jobs(out), staged);
            try {
                Files.move(staged, out.resolve(FILE), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(staged, out.resolve(FILE), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not rewrite {}: {}", out.resolve(FILE), e.getMessage());
        }
    }

    static List<JobReports> jobs(Path out) throws IOException {
        var jobs = new ArrayList<JobReports>();
        for (Path jobDir : visibleDirectories(out)) {
            Optional<String> latest = latestFolder(jobDir);
            var reports = new ArrayList<PublishedReport>();
            var adhoc = new ArrayList<PublishedReport>();
            for (Path folder : visibleDirectories(jobDir)) {
                if (Files.isRegularFile(folder.resolve(Manifest.FILE))) {
                    PublishedReport report = report(folder, latest);
                    (report.adhoc() ? adhoc : reports).add(report);
                }
            }
            if (!reports.isEmpty() || !adhoc.isEmpty()) {
                jobs.add(new JobReports(jobDir.getFileName().toString(), newestFirst(reports), newestFirst(adhoc)));
            }
        }
        return jobs;
    }

    private static PublishedReport report(Path folder, Optional<String> latest) {
        Map<String, Object> manifest = Manifest.read(folder.resolve(Manifest.FILE));
        Map<String, Object> parameters = map(manifest.get("parameters"));
        String name = folder.getFileName().toString();
        Object broken = map(manifest.get("alerts")).get("broken");
        return new PublishedReport(name, text(parameters.get("from")), text(parameters.get("to")),
                text(parameters.get("as_of")), text(map(manifest.get("timings")).get("rendered")).replaceFirst("\\.\\d+Z$", "Z"),
                broken instanceof List<?> rows ? rows.size() : 0, latest.filter(name::equals).isPresent(),
                name.contains("-adhoc-"));
    }

    private static List<PublishedReport> newestFirst(List<PublishedReport> reports) {
        return reports.stream().sorted(Comparator.comparing(PublishedReport::rendered)
                .thenComparing(PublishedReport::folder).reversed()).toList();
    }

    private static Optional<String> latestFolder(Path jobDir) {
        try {
            return Optional.of(Files.readSymbolicLink(jobDir.resolve("latest")).getFileName().toString());
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    /** Directories, not hidden (staging) and not links (latest), by name. */
    private static List<Path> visibleDirectories(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(entry -> !entry.getFileName().toString().startsWith(".")
                            && !Files.isSymbolicLink(entry) && Files.isDirectory(entry))
                    .sorted().toList();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
