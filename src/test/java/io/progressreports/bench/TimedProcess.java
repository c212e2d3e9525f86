package io.progressreports.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs one measured thing as its own OS process and times it from spawn to exit, wall clock: what a person at a
 * shell or cron would wait for, JVM start and everything else included.
 *
 * <p>Peak RSS is the kernel's high-water mark ({@code VmHWM} in {@code /proc/<pid>/status}), read every 20 ms
 * while the process lives; the last reading before exit is kept. A process that {@code exec}s another program (the
 * {@code progress-reports} script exec's {@code java}) keeps its pid and the mark restarts with the new image, so the
 * figure is the java process's. Children of the process (the embedded store's PostgreSQL) are not included. Growth
 * in the last 20 ms before exit can be missed.
 */
final class TimedProcess {

    private static final long POLL_MILLIS = 20;

    /** @param peakRssKib 0 when /proc gave no reading (not Linux, or the process ended within the first poll) */
    record Result(List<String> command, double wallSeconds, int exitCode, long peakRssKib,
                  Path stdout, Path stderr) {

        double peakRssMib() {
            return peakRssKib / 1024.0;
        }

        boolean succeeded() {
            return exitCode == 0;
        }

        String stderrTail() {
            try {
                List<String> lines = Files.readAllLines(stderr);
                return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
            } catch (IOException e) {
                return "(no stderr: " + e.getMessage() + ")";
            }
        }
    }

    private TimedProcess() {
    }

    /**
     * @param stdout where the process's standard output goes (a CSV for COPY ... TO STDOUT)
     * @param timeout the process is killed after this and the result has exit code -1
     */
    static Result run(String name, List<String> command, Map<String, String> environment, Path workingDirectory,
                      Path stdout, Duration timeout) {
        Path stderr = stdout.resolveSibling(stdout.getFileName() + ".stderr");
        var builder = new ProcessBuilder(command)
                .directory(workingDirectory.toFile())
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        builder.environment().putAll(environment);
        try {
            Files.createDirectories(stdout.getParent());
            long started = System.nanoTime();
            Process process = builder.start();
            var peak = new AtomicLong();
            var poller = new Thread(() -> pollPeakRss(process, peak), "rss-" + name);
            poller.setDaemon(true);
            poller.start();
            boolean ended = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            long wall = System.nanoTime() - started;
            if (!ended) {
                process.destroyForcibly().waitFor();
            }
            poller.join();
            return new Result(command, wall / 1e9, ended ? process.exitValue() : -1, peak.get(), stdout,
                    stderr);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + name, e);
        }
    }

    private static void pollPeakRss(Process process, AtomicLong peak) {
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        while (process.isAlive()) {
            long hwm = highWaterMarkKib(status);
            if (hwm > 0) {
                // The mark only grows within one image; after an exec it restarts, and the last image is the one
                // that counts (java, not the bash script before it), so keep the latest reading, not the maximum.
                peak.set(hwm);
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static long highWaterMarkKib(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.substring("VmHWM:".length()).replace("kB", "").trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            // The process ended between isAlive and the read: keep the previous reading.
        }
        return 0;
    }
}
