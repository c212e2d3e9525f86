package io.progressreports.bench;

import io.progressreports.report.Manifest;
import io.progressreports.report.ReportPublisher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs progress-reports as a user would, as its own process: through the checkout's {@code ./progress-reports}
 * script when it passes JAVA_OPTS on (so whatever start-up options it adds, class-data sharing say, are measured),
 * else {@code java -jar target/progress-reports.jar}. The script {@code exec}s java, so the pid whose RSS is polled
 * is the JVM's. Each run gets {@code -Xlog:gc} into its own folder for the peak heap.
 */
final class JobProcess {

    /** One measured run of the application. */
    record Run(String name, TimedProcess.Result process, double peakHeapMib, Path report, Map<String, Object> manifest) {

        long rowsRead() {
            return manifest == null ? -1 : ((Number) section("rows").getOrDefault("read", -1)).longValue();
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> section(String key) {
            Object value = manifest == null ? null : manifest.get(key);
            return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
        }

        Map<String, Object> describe() {
            var map = new LinkedHashMap<String, Object>();
            map.put("wall_seconds", BenchResults.round(process.wallSeconds(), 3));
            map.put("exit_code", process.exitCode());
            map.put("peak_rss_mib", BenchResults.round(process.peakRssMib(), 1));
            map.put("peak_heap_mib", BenchResults.round(peakHeapMib, 1));
            if (manifest != null) {
                map.put("rows", section("rows"));
                map.put("days", section("days"));
                map.put("partitions", section("partitions"));
            }
            map.put("command", String.join(" ", process.command()));
            return map;
        }
    }

    private final Path project;
    private final Path jar;
    private final boolean viaScript;
    private final Duration timeout;

    JobProcess(Path project, Duration timeout) {
        this.project = project;
        this.jar = project.resolve("target/progress-reports.jar");
        this.timeout = timeout;
        Path script = project.resolve("progress-reports");
        this.viaScript = Files.isExecutable(script) && readString(script).contains("JAVA_OPTS");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run mvn -B -Pbench verify (it packages the jar first)");
        }
        if (viaScript && newerThanJar()) {
            // The script rebuilds a stale jar, which would land inside a timed run.
            throw new IllegalStateException(jar + " is older than the sources, so ./progress-reports would rebuild it "
                    + "inside a timed run: run mvn -B -Pbench verify (it packages the jar first)");
        }
    }

    String launcher() {
        return viaScript ? "./progress-reports (the README's way; it execs java, JAVA_OPTS=" + GcLog.option(Path.of("<run>/gc.log")) + ")"
                : "java -Djava.awt.headless=true -jar target/progress-reports.jar";
    }

    /**
     * {@code run <job> <arguments> --out <dir>/out --no-bom --latest}, in {@code dir}; fails unless it exits 0. A
     * backfill's as-of makes it an ad-hoc run: --latest points latest at its report all the same.
     */
    Run run(String name, String job, List<String> arguments, Path dir) {
        var all = new ArrayList<String>(List.of("run", job));
        all.addAll(arguments);
        all.addAll(List.of("--out", dir.resolve("out").toString(), "--no-bom", "--latest"));
        Run run = start(name, all, dir);
        if (!run.process().succeeded()) {
            throw new IllegalStateException(name + " failed (exit " + run.process().exitCode() + "):\n"
                    + run.process().stderrTail() + "\n(whole log: " + run.process().stdout() + ")");
        }
        Path report = dir.resolve("out").resolve(job).resolve("latest");
        Map<String, Object> manifest = Manifest.read(report.resolve(Manifest.FILE));
        return new Run(name, run.process(), run.peakHeapMib(), report, manifest);
    }

    /** Any command line, e.g. {@code --version}. */
    Run start(String name, List<String> arguments, Path dir) {
        clean(dir);
        Path gcLog = dir.resolve("gc.log");
        var command = new ArrayList<String>();
        Map<String, String> environment = new LinkedHashMap<>();
        if (viaScript) {
            command.add(project.resolve("progress-reports").toString());
            environment.put("JAVA_OPTS", GcLog.option(gcLog));
        } else {
            command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Djava.awt.headless=true", GcLog.option(gcLog), "-jar", jar.toString()));
        }
        command.addAll(arguments);
        TimedProcess.Result result = TimedProcess.run(name, command, environment, project, dir.resolve("output.log"),
                timeout);
        return new Run(name, result, GcLog.peakHeapMib(gcLog), null, null);
    }

    private static void clean(Path dir) {
        try {
            ReportPublisher.deleteTree(dir);
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty " + dir + ": " + e.getMessage(), e);
        }
    }

    private boolean newerThanJar() {
        try (Stream<Path> sources = Stream.concat(Stream.of(project.resolve("pom.xml")),
                Files.walk(project.resolve("src/main")))) {
            long built = Files.getLastModifiedTime(jar).toMillis();
            return sources.anyMatch(p -> {
                try {
                    return Files.getLastModifiedTime(p).toMillis() > built;
                } catch (IOException e) {
                    return false;
                }
            });
        } catch (IOException e) {
            return false;
        }
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }
}
