package io.progressreports;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher script {@code ./progress-reports}, run as a shell runs it, in an install folder of its own (the
 * script and the built jar, so the cache key is new): launchers started together, under any time zone and locale,
 * share one extracted folder; a folder of an older build is kept while a JVM runs from it and removed after; what
 * killed launchers leave is removed once nothing can be using it.
 */
class LauncherIT {

    private static final Duration LAUNCH = Duration.ofMinutes(10);

    /** Kept when a test fails: the launchers' output and the training log tell what happened. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    private Path install;
    private int launches;

    /** The script, the jar and the job files as a checkout has them, the sources older than the jar so it is not rebuilt. */
    private void install() throws IOException {
        install = Files.createDirectories(dir.resolve("install"));
        Path jar = Path.of("target/progress-reports.jar");
        assertThat(jar).as("the built jar (mvn package, which mvn verify runs first)").isRegularFile();
        Files.createDirectories(install.resolve("target"));
        Files.copy(jar, install.resolve("target/progress-reports.jar"));
        Files.copy(Path.of("progress-reports"), install.resolve("progress-reports"), StandardCopyOption.COPY_ATTRIBUTES);
        // The training demo runs the job files beside target/, as in a checkout.
        Path jobs = Files.createDirectories(install.resolve("jobs"));
        try (Stream<Path> files = Files.list(Path.of("jobs"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, jobs.resolve(file.getFileName()));
            }
        }
        FileTime old = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
        Files.setLastModifiedTime(Files.writeString(install.resolve("pom.xml"), "<project/>\n"), old);
        Files.setLastModifiedTime(Files.createDirectories(install.resolve("src/main")), old);
        Files.setLastModifiedTime(install.resolve("src"), old);
        Files.createDirectories(dir.resolve("tmp"));
    }

    /** A launcher as a user's shell starts one: the test's own JDK first on the PATH, a zone and locale of its own. */
    private Launch launch(String zone, String locale, String... args) {
        List<String> command = new ArrayList<>(List.of(install.resolve("progress-reports").toString()));
        command.addAll(List.of(args));
        Path javaBin = Path.of(ProcessHandle.current().info().command().orElseThrow()).getParent();
        int n = ++launches;
        var builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve("launch-" + n + ".out").toFile())
                .redirectError(dir.resolve("launch-" + n + ".err").toFile());
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("LC_") || name.equals("LANG") || name.equals("JAVA_OPTS"));
        environment.put("PATH", javaBin + ":/usr/bin:/bin");
        environment.put("TZ", zone);
        environment.put("LC_ALL", locale);
        environment.put("TMPDIR", dir.resolve("tmp").toString());
        try {
            return new Launch(builder.start(), dir.resolve("launch-" + n + ".out"), dir.resolve("launch-" + n + ".err"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Launch(Process process, Path outFile, Path errFile) {

        int waitFor() throws InterruptedException {
            if (!process.waitFor(LAUNCH.toSeconds(), TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError("the launcher did not end within " + LAUNCH + ": " + err());
            }
            return process.exitValue();
        }

        String out() {
            return read(outFile);
        }

        String err() {
            return read(errFile);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> appFolders() throws IOException {
        try (Stream<Path> entries = Files.list(install.resolve("target"))) {
            return entries.map(path -> path.getFileName().toString()).filter(name -> name.startsWith("app"))
                    .sorted().toList();
        }
    }

    @Test
    void launchersShareOneFolderUnderAnyZoneAndKeepAnOldOneWhileAJvmRunsFromIt() throws Exception {
        install();

        // Three launchers at once on a new build: two alike, one in another zone and locale.
        List<Launch> together = List.of(launch("UTC", "C", "--version"), launch("UTC", "C", "--version"),
                launch("Asia/Tokyo", "C.UTF-8", "--version"));
        List<String> versions = new ArrayList<>();
        for (Launch launch : together) {
            assertThat(launch.waitFor()).as(launch.err()).isZero();
            versions.add(launch.out());
        }
        assertThat(versions.get(0)).contains("progress-reports");
        assertThat(versions).containsOnly(versions.get(0));
        List<String> first = appFolders();
        assertThat(first).as("one folder for the build, nothing half-made left").hasSize(1)
                .allMatch(name -> name.matches("app-[0-9]+-[0-9]+"));
        Path app = install.resolve("target").resolve(first.get(0));
        assertThat(app.resolve("progress-reports.jsa")).as(read(app.resolve("training.log"))).isNotEmptyFile();

        // Another zone later: the same folder, nothing prepared again.
        Launch elsewhere = launch("America/New_York", "POSIX", "--version");
        assertThat(elsewhere.waitFor()).as(elsewhere.err()).isZero();
        assertThat(elsewhere.out()).isEqualTo(versions.get(0));
        assertThat(elsewhere.err()).doesNotContain("preparing");
        assertThat(appFolders()).isEqualTo(first);

        // A JVM running from that folder (a scheduler, idle between retries of a source that is down).
        Path jobs = Files.createDirectories(dir.resolve("jobs"));
        Files.writeString(jobs.resolve("yearly.yml"), """
                kind: transfer-speed
                last: 1
                schedule:
                  cron: "0 0 1 1 *"
                """);
        Launch schedule = launch("UTC", "C", "schedule", "--jobs-dir", jobs.toString(), "--source-url",
                "jdbc:postgresql://127.0.0.1:1/down?user=nobody", "--store-dir", dir.resolve("store").toString(),
                "--out", dir.resolve("reports").toString());
        Process killedLaunchers = null;
        Process earlierJvm = null;
        try {
            awaitJvm(schedule);
            // What killed launchers and earlier launchers left.
            Path target = install.resolve("target");
            Process ended = new ProcessBuilder("true").start();
            ended.waitFor();
            Path deadExtract = Files.createDirectories(target.resolve("app-1-2.new." + ended.pid() + ".a1B2c3"));
            killedLaunchers = new ProcessBuilder("sleep", "600").start();
            Path liveExtract = Files.createDirectories(target.resolve("app-1-2.new." + killedLaunchers.pid()
                    + ".d4E5f6"));
            Path unnamedExtract = Files.createDirectories(target.resolve("app-3-4.new.Xy7zAb"));
            Path earlierApp = Files.createDirectories(target.resolve("app"));
            Files.writeString(earlierApp.resolve("progress-reports.jar"), "");
            Path earlierNew = Files.createDirectories(target.resolve("app.new"));
            // As an earlier launcher's JVM names its jar on its command line.
            earlierJvm = new ProcessBuilder("bash", "-c", "exec -a \"$0\" sleep 600",
                    earlierApp.resolve("progress-reports.jar").toString()).start();

            // A new build while it runs.
            Path jar = target.resolve("progress-reports.jar");
            Files.setLastModifiedTime(jar, FileTime.from(Files.getLastModifiedTime(jar).toInstant().plusSeconds(60)));
            Launch rebuilt = launch("UTC", "C", "--version");
            assertThat(rebuilt.waitFor()).as(rebuilt.err()).isZero();
            assertThat(rebuilt.err()).contains("preparing");
            assertThat(rebuilt.out()).isEqualTo(versions.get(0));
            List<String> both = appFolders();
            assertThat(both).as("the old build's folder kept while the scheduler runs from it").contains(first.get(0))
                    .contains(earlierApp.getFileName().toString(), liveExtract.getFileName().toString())
                    .doesNotContain(deadExtract.getFileName().toString(), unnamedExtract.getFileName().toString(),
                            earlierNew.getFileName().toString());
            assertThat(schedule.process().isAlive()).as(schedule.err()).isTrue();
            assertThat(both.stream().filter(name -> name.matches("app-[0-9]+-[0-9]+"))).hasSize(2);

            schedule.process().destroy();
            assertThat(schedule.waitFor()).as(schedule.err()).isIn(0, 143);
            earlierJvm.destroy();
            earlierJvm.waitFor();
            Launch after = launch("UTC", "C", "--version");
            assertThat(after.waitFor()).as(after.err()).isZero();
            List<String> left = appFolders();
            assertThat(left).as("the old build's folder and the earlier launcher's removed once nothing uses them")
                    .doesNotContain(first.get(0), earlierApp.getFileName().toString())
                    .contains(liveExtract.getFileName().toString());
            assertThat(left.stream().filter(name -> name.matches("app-[0-9]+-[0-9]+"))).hasSize(1);
        } finally {
            schedule.process().destroyForcibly();
            for (Process process : new Process[] {killedLaunchers, earlierJvm}) {
                if (process != null) {
                    process.destroyForcibly();
                }
            }
        }
    }

    /** Until the launcher has become the JVM (exec): from then on it holds its folder's lock. */
    private static void awaitJvm(Launch launch) throws InterruptedException {
        long deadline = System.nanoTime() + LAUNCH.toNanos();
        while (!launch.process().info().command().map(command -> command.endsWith("/java")).orElse(false)) {
            assertThat(launch.process().isAlive()).as(launch.err()).isTrue();
            assertThat(System.nanoTime()).as("the launcher became a JVM").isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
