package io.progressreports.report;

import io.progressreports.failure.OutputException;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Makes a finished report visible in one step: it is written into a hidden staging folder beside its final
 * place, renamed into place, and {@code latest} is swapped to it with an atomic rename, so an analyst never opens
 * a half-written report. Several processes may publish into one folder at once (an ad-hoc run beside the nightly
 * one, two stores): the hidden names carry the writer's process id, and a writer removes only the leftovers of
 * processes that no longer run.
 */
public final class ReportPublisher {

    private static final String STAGING = ".staging-";
    private static final String REPLACED = ".replaced-";
    private static final String LINK = ".latest-";
    /** After a hidden prefix, the writer: ".staging-p<pid>-<random>", ".replaced-p<pid>-<folder>", ".latest-p<pid>". */
    private static final String WRITER = "p" + ProcessHandle.current().pid();
    public static final String LATEST = "latest";
    /** Job execution context key of the published folder, for the CLI to print. */
    public static final String PUBLISHED = "report.published";

    private final Path jobDir;

    public ReportPublisher(Path jobDir) {
        this.jobDir = jobDir;
    }

    public Path stage() {
        try {
            Files.createDirectories(jobDir);
            removeLeftovers();
            Path staged = Files.createTempDirectory(jobDir, STAGING + WRITER + "-");
            // Temporary folders are private by default; a published report is for every analyst on the machine.
            if (staged.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(staged, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            return staged;
        } catch (IOException e) {
            throw new OutputException("cannot write to " + jobDir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes a report and its manifest into a staging folder, then publishes it as {@code name}.
     *
     * @param latest whether {@code latest} then points at it
     * @param files  writes the report's files into the folder it is given and returns their names
     */
    public Path write(String name, boolean latest, Function<Path, List<String>> files, Map<String, Object> manifest) {
        Path staged = stage();
        try {
            Manifest.write(staged, manifest, files.apply(staged));
        } catch (RuntimeException e) {
            // A half-written report on a full disk would keep the disk full until the next run cleaned it up.
            try {
                deleteTree(staged);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        return publish(staged, name, latest);
    }

    /** Moves the staged folder to {@code jobDir/name} (replacing an older one), and points latest at it if asked. */
    public Path publish(Path staged, String name, boolean latest) {
        Path target = jobDir.resolve(name);
        try {
            if (Files.exists(target)) {
                Path old = jobDir.resolve(REPLACED + WRITER + "-" + name);
                deleteTree(old);
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
                Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
                deleteTree(old);
            } else {
                Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
            }
            if (latest) {
                pointLatestAt(name);
            }
            return target;
        } catch (IOException e) {
            throw new OutputException("cannot publish the report in " + jobDir + ": " + e.getMessage(), e);
        }
    }

    private void pointLatestAt(String name) throws IOException {
        Path link = jobDir.resolve(LINK + WRITER);
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, Path.of(name));
        try {
            Files.move(link, jobDir.resolve(LATEST), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
            Files.deleteIfExists(jobDir.resolve(LATEST));
            Files.move(link, jobDir.resolve(LATEST));
        }
    }

    /**
     * What crashed writers left: their staging folders and links go; a replaced report whose successor never
     * arrived is put back. Another running process's are left alone: it is still writing them.
     */
    private void removeLeftovers() throws IOException {
        try (Stream<Path> entries = Files.list(jobDir)) {
            for (Path entry : entries.toList()) {
                String file = entry.getFileName().toString();
                for (String prefix : List.of(STAGING, LINK, REPLACED)) {
                    if (file.startsWith(prefix) && !ofOtherRunningProcess(file.substring(prefix.length()))) {
                        removeLeftover(entry, prefix, file.substring(prefix.length()));
                    }
                }
            }
        }
    }

    private void removeLeftover(Path entry, String prefix, String rest) throws IOException {
        if (!prefix.equals(REPLACED)) {
            deleteTree(entry);
            return;
        }
        // An older version named it without its writer: the rest is the folder's name.
        Path original = jobDir.resolve(rest.startsWith("p") ? rest.substring(rest.indexOf('-') + 1) : rest);
        if (Files.exists(original)) {
            deleteTree(entry);
        } else {
            Files.move(entry, original, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /**
     * Whether a hidden name (after its prefix) is a running process's other than this one. This process's own are
     * from an earlier attempt: a job publishes from one thread at a time, under its run lock.
     */
    private static boolean ofOtherRunningProcess(String rest) {
        if (!rest.startsWith("p")) {
            return false;
        }
        int end = rest.indexOf('-');
        String writer = end < 0 ? rest : rest.substring(0, end);
        try {
            long pid = Long.parseLong(writer.substring(1));
            return !writer.equals(WRITER) && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    public static void deleteTree(Path path) throws IOException {
        if (Files.isSymbolicLink(path) || !Files.isDirectory(path)) {
            Files.deleteIfExists(path);
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
