package io.progressreports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * progress-reports as a real operating-system process (its own JVM, started as {@link CliJvm} says), for what only
 * a process can show: SIGKILL and SIGTERM, exit codes, what reaches stdout and stderr.
 */
public final class CliProcess implements AutoCloseable {

    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private CliProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Starts {@code progress-reports args...} in the project folder, output captured into files under {@code logs}. */
    public static CliProcess start(Path logs, Map<String, String> environment, String... args) {
        return start(logs, Path.of(""), Map.of(), environment, args);
    }

    /** As {@link #start(Path, Map, String...)}, in the working directory {@code directory}, with JVM system properties. */
    public static CliProcess start(Path logs, Path directory, Map<String, String> systemProperties,
                                   Map<String, String> environment, String... args) {
        List<String> command = CliJvm.get().command(systemProperties);
        command.addAll(List.of(args));
        try {
            Files.createDirectories(logs);
            Path out = Files.createTempFile(logs, "stdout", ".log");
            Path err = Files.createTempFile(logs, "stderr", ".log");
            var builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .directory(directory.toAbsolutePath().toFile());
            builder.environment().putAll(environment);
            return new CliProcess(builder.start(), out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static CliProcess start(Path logs, String... args) {
        return start(logs, new HashMap<>(), args);
    }

    /** Runs to the end and returns the exit code; fails if it takes longer than {@code timeout}. */
    public int waitFor(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("progress-reports did not end within " + timeout + "; stderr:\n" + stderr());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Polls until the condition holds, or fails when the process ends first or the timeout passes. */
    public void awaitWhileRunning(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new AssertionError("progress-reports ended (exit " + process.exitValue()
                        + ") before the awaited point; stdout:\n" + stdout() + "stderr:\n" + stderr());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("awaited point not reached within " + timeout + "; stderr:\n" + stderr());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed, as when the machine or the OOM killer stops it. */
    public void kill() {
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(30));
    }

    /** SIGTERM, as cron, systemd or a person's kill sends it. */
    public void terminate() {
        process.destroy();
    }

    /**
     * Whether a process started from here ignores SIGINT: it inherits that from a test run started as a background
     * job of a non-interactive shell, and the JVM then leaves SIGINT ignored (as it would for the tool itself).
     */
    public static boolean sigintIgnored() {
        try {
            String mask = Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(line -> line.startsWith("SigIgn:")).findFirst().orElse("SigIgn: 0").substring(7).trim();
            return new java.math.BigInteger(mask, 16).testBit(1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGINT, as Ctrl-C in a terminal sends it. */
    public void interrupt() {
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    public String stdout() {
        return read(stdout);
    }

    public String stderr() {
        return read(stderr);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
