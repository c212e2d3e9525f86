package io.progressreports;

import io.progressreports.cli.ProgressReports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * How {@link CliProcess} starts its JVMs. Under failsafe, which names the jar {@code mvn package} just built in the
 * system property {@value #JAR_PROPERTY}: the jar as {@code ./progress-reports} runs it, extracted into plain jars,
 * with a class-data-sharing archive of the classes a run loads, made once per jar by a small demo
 * (the launcher's training run) while the first tests run. Started without it (from an IDE): the test class path, as
 * the JDK's defaults start it.
 *
 * <p>A process test's run is over in seconds, most of them spent loading and verifying the classes of Spring, Spring
 * Batch, Flyway and pgjdbc and compiling code that runs once: the archive and the client compiler alone cut that
 * (numbers in the commit that brought them).
 */
final class CliJvm {

    static final String JAR_PROPERTY = "cli.jar";
    private static final String JAVA = ProcessHandle.current().info().command().orElse("java");
    /** The launcher's heap; the client compiler alone and the serial collector start fastest (see above). */
    private static final List<String> OPTIONS = List.of("-Xms64m", "-Xmx384m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1");
    /** Silent when the archive cannot be used: the JVM then loads the classes as usual. */
    private static final List<String> QUIET_CDS = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    private static CliJvm instance;

    private final List<String> options;
    private final Map<String, String> properties;
    private final List<String> application;
    /** Used once it is there; null for the test class path. */
    private final Path archive;

    private CliJvm(List<String> options, Map<String, String> properties, List<String> application, Path archive) {
        this.options = options;
        this.properties = properties;
        this.application = application;
        this.archive = archive;
    }

    static synchronized CliJvm get() {
        if (instance == null) {
            String jar = System.getProperty(JAR_PROPERTY);
            instance = jar == null || jar.isBlank() ? classPath() : packaged(Path.of(jar).toAbsolutePath());
        }
        return instance;
    }

    /** The java command up to the program's arguments; {@code systemProperties} win over the defaults. */
    List<String> command(Map<String, String> systemProperties) {
        List<String> command = new ArrayList<>(List.of(JAVA));
        command.addAll(options);
        if (archive != null && Files.isRegularFile(archive)) {
            command.add("-XX:SharedArchiveFile=" + archive);
            command.addAll(QUIET_CDS);
        }
        var all = new LinkedHashMap<>(properties);
        all.putAll(systemProperties);
        all.forEach((name, value) -> command.add("-D" + name + "=" + value));
        command.addAll(application);
        return command;
    }

    private static CliJvm classPath() {
        return new CliJvm(List.of("-Xmx512m"), Map.of("java.awt.headless", "true"),
                List.of("-cp", System.getProperty("java.class.path"), ProgressReports.class.getName()), null);
    }

    /**
     * The jar extracted into target/cli-jvm-KEY (KEY: the jar's path, size and time, and the JDK), under a file lock,
     * so that failsafe's forks extract it once; the first of them to get here starts the training.
     */
    private static CliJvm packaged(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError(JAR_PROPERTY + " names " + jar + ", which is not there: run mvn verify, "
                    + "which packages it before the process tests");
        }
        Path target = jar.getParent();
        try (FileChannel lock = FileChannel.open(target.resolve("cli-jvm.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); var held = lock.lock()) {
            Path folder = target.resolve("cli-jvm-" + key(jar));
            Path extracted = folder.resolve(jar.getFileName());
            if (!Files.exists(folder.resolve("extracted"))) {
                prune(target, folder);
                extract(jar, folder);
                Files.writeString(folder.resolve("extracted"), "");
            }
            Path archive = folder.resolve("app.jsa");
            try {
                Files.createFile(folder.resolve("training"));
                train(extracted, archive, folder.resolve("training.log"));
            } catch (FileAlreadyExistsException e) {
                // Another fork trains, or trained, for this jar.
            }
            // Spring AOT mode, as the launcher starts it: 20% less CPU a run than the ordinary mode (measured:
            // 5.3 against 6.6 s a small transfer-speed run, load ~16). The ordinary mode stays covered by the
            // process tests' runs in their own JVM (AotModeIT compares the two) and by SettingsIT's processes.
            return new CliJvm(OPTIONS, Map.of("java.awt.headless", "true", "spring.aot.enabled", "true"),
                    List.of("-jar", extracted.toString()), archive);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String key(Path jar) throws IOException {
        var crc = new CRC32();
        crc.update((jar + " " + Files.size(jar) + " " + Files.getLastModifiedTime(jar).toMillis() + " " + JAVA)
                .getBytes());
        return Long.toHexString(crc.getValue());
    }

    /** Folders of earlier jars: a new build replaces its jar, so they would only fill the disk. */
    private static void prune(Path target, Path keep) throws IOException {
        try (Stream<Path> folders = Files.list(target)) {
            for (Path old : folders.filter(path -> path.getFileName().toString().startsWith("cli-jvm-"))
                    .filter(path -> !path.equals(keep) && Files.isDirectory(path)).toList()) {
                deleteTree(old);
            }
        }
        deleteTree(keep);
    }

    private static void extract(Path jar, Path folder) throws IOException {
        Path log = Files.createDirectories(folder).resolve("extract.log");
        int exit = run(log, folder, List.of(JAVA, "-Djarmode=tools", "-jar", jar.toString(), "extract",
                "--destination", folder.toString(), "--force"));
        if (exit != 0 || !Files.isRegularFile(folder.resolve(jar.getFileName()))) {
            throw new AssertionError("could not extract " + jar + " (exit " + exit + "):\n" + Files.readString(log));
        }
    }

    /**
     * A demo of both jobs on a tiny synthetic source, as the launcher trains, dumping the classes it
     * loaded at exit; in the background, so that the first tests need not wait for it (they start without the
     * archive). It is written under another name and renamed whole once the demo has ended: a JVM never maps half of
     * one, and a training cut short (this JVM ending first) leaves none.
     */
    private static void train(Path jar, Path archive, Path log) {
        Thread training = new Thread(() -> {
            Path partial = archive.resolveSibling(archive.getFileName() + ".part");
            Path work = null;
            try {
                work = Files.createTempDirectory("cli-jvm-training-");
                List<String> command = new ArrayList<>(List.of(JAVA));
                command.addAll(OPTIONS);
                command.add("-XX:ArchiveClassesAtExit=" + partial);
                command.addAll(QUIET_CDS);
                command.addAll(List.of("-Djava.awt.headless=true", "-Dspring.aot.enabled=true", "-jar",
                        jar.toString(), "demo", "--out", work.resolve("reports").toString(), "--namespaces", "500",
                        "--deployments-per-day", "5"));
                // The demo runs the job files of the checkout, as the launcher's does.
                if (run(log, Path.of("").toAbsolutePath(), command) == 0 && Files.size(partial) > 0) {
                    Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE);
                }
            } catch (IOException | RuntimeException e) {
                try {
                    Files.writeString(log, "\n" + e, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                } catch (IOException ignored) {
                    // The training only makes the runs cheaper; they work without its archive.
                }
            } finally {
                try {
                    Files.deleteIfExists(partial);
                    if (work != null) {
                        deleteTree(work);
                    }
                } catch (IOException ignored) {
                    // A temporary folder left behind.
                }
            }
        }, "cli-jvm-training");
        training.setDaemon(true);
        training.start();
    }

    private static int run(Path log, Path directory, List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            if (!process.waitFor(15, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new AssertionError(e);
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
