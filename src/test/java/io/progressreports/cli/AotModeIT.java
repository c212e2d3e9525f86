package io.progressreports.cli;

import io.progressreports.CliProcess;
import io.progressreports.CliRun;
import io.progressreports.TestDatabase;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher starts Spring from the bean definitions the build generated (Spring AOT): a job run that way must
 * write the same files as one started the ordinary way, and the commands around it must work in that mode too. The
 * AOT runs are processes of the packaged jar in AOT mode, as the launcher starts them; the ordinary runs are in this
 * JVM, which starts Spring the ordinary way.
 */
class AotModeIT {

    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    @TempDir
    Path work;

    @ParameterizedTest
    @ValueSource(strings = {"onboarding-funnel", "transfer-speed"})
    void aJobWritesTheSameFilesWithAndWithoutAot(String job) {
        assertThat(Boolean.getBoolean("spring.aot.enabled")).as("this JVM starts Spring the ordinary way").isFalse();
        Map<String, String> ordinary = runJob(job, "ordinary", false);
        Map<String, String> aot = runJob(job, "aot", true);

        assertThat(aot.keySet()).contains(job.equals("transfer-speed") ? "transfer_speed.csv" : "funnel.csv");
        assertThat(aot).isEqualTo(ordinary);

        String store = work.resolve("aot").resolve("store").toString();
        assertThat(command(true, "history", "--store-dir", store).stdout()).contains(job, "COMPLETED");
        assertThat(command(false, "check", "--source-url", TestDatabase.seededSourceUrl(), "--store-dir", store)
                .exitCode()).isEqualTo(command(true, "check", "--source-url", TestDatabase.seededSourceUrl(),
                "--store-dir", store).exitCode());
    }

    private Map<String, String> runJob(String job, String mode, boolean aot) {
        Path dir = work.resolve(mode);
        Result run = command(aot, "run", job, "--source-url", TestDatabase.seededSourceUrl(), "--store-dir",
                dir.resolve("store").toString(), "--out", dir.resolve("out").toString(), "--from", "2026-10-01",
                "--to", "2026-10-31", "--as-of", "2026-11-01T00:00:00Z");
        assertThat(run.exitCode()).as(mode + " run of " + job + ":\n" + run.stderr()).isZero();
        return csvs(dir.resolve("out").resolve(job).resolve("2026-10-01_2026-10-31"));
    }

    private record Result(int exitCode, String stdout, String stderr) {
    }

    /** In AOT mode a process, as the launcher starts it; otherwise in this JVM. */
    private Result command(boolean aot, String... args) {
        if (!aot) {
            CliRun run = CliRun.of(List.of(args));
            return new Result(run.exitCode(), run.out(), run.err());
        }
        try (CliProcess process = CliProcess.start(work.resolve("logs"), Path.of(""),
                Map.of("spring.aot.enabled", "true"), Map.of(), args)) {
            int exit = process.waitFor(TIMEOUT);
            return new Result(exit, process.stdout(), process.stderr());
        }
    }

    private static Map<String, String> csvs(Path report) {
        try (Stream<Path> files = Files.list(report)) {
            var contents = new TreeMap<String, String>();
            for (Path file : files.filter(f -> f.toString().endsWith(".csv")).toList()) {
                contents.put(file.getFileName().toString(), Files.readString(file));
            }
            return contents;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
