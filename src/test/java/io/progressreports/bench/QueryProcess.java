package io.progressreports.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one baseline or floor query as its own process, the way an analyst would: psql when it is on the PATH
 * ({@code psql -X -q -v ON_ERROR_STOP=1 -c "COPY (...) TO STDOUT ..." > file}), else {@link CopyQuery} in a JVM.
 */
final class QueryProcess {

    private final PgUrl url;
    private final Path psql;
    private final Path workingDirectory;
    private final Duration timeout;

    QueryProcess(PgUrl url, Path workingDirectory, Duration timeout) {
        this.url = url;
        this.psql = onPath("psql");
        this.workingDirectory = workingDirectory;
        this.timeout = timeout;
    }

    /** "psql" or "pgjdbc CopyManager (psql not on PATH)", for the results. */
    String tool() {
        return psql != null ? "psql (" + psql + ")" : "pgjdbc CopyManager in a JVM (psql not on PATH)";
    }

    /** psql's own version line, for the results. */
    String psqlVersion() {
        return psql == null ? "not on PATH" : Machine.commandLine(List.of(psql.toString(), "--version"));
    }

    /** COPY (sql) TO STDOUT as CSV with a header, into {@code file}. */
    TimedProcess.Result copy(String name, SqlBaseline.Query query, Path file) {
        return run(name, copyCommand(query.copy()), file);
    }

    /** COPY (sql) TO STDOUT in binary, thrown away: the cost of getting the rows out, nothing done with them. */
    TimedProcess.Result export(String name, SqlBaseline.Query query) {
        return run(name, copyCommand(query.binaryCopy()), Path.of("/dev/null"));
    }

    private List<String> copyCommand(String copy) {
        return psql != null ? psql(List.of("-c", copy)) : java("copy", copy);
    }

    /** A single number, {@code select count(*) ...}, into {@code file}; returns it with the run. */
    Counted count(String name, String sql, Path file) {
        List<String> command = psql != null ? psql(List.of("-A", "-t", "-c", sql)) : java("count", sql);
        TimedProcess.Result run = run(name, command, file);
        long value = -1;
        if (run.succeeded()) {
            try {
                value = Long.parseLong(Files.readString(file).trim());
            } catch (IOException | NumberFormatException e) {
                throw new IllegalStateException(name + " printed no count in " + file, e);
            }
        }
        return new Counted(run, value);
    }

    record Counted(TimedProcess.Result run, long value) {
    }

    private TimedProcess.Result run(String name, List<String> command, Path file) {
        TimedProcess.Result result = TimedProcess.run(name, command, url.psqlEnvironment(), workingDirectory, file,
                timeout);
        if (!result.succeeded()) {
            throw new IllegalStateException(name + " failed (exit " + result.exitCode() + "):\n"
                    + result.stderrTail());
        }
        return result;
    }

    private List<String> psql(List<String> arguments) {
        var command = new ArrayList<String>(List.of(psql.toString(), "-X", "-q", "-v", "ON_ERROR_STOP=1"));
        command.addAll(url.psqlFlags());
        command.addAll(arguments);
        return command;
    }

    private List<String> java(String mode, String sql) {
        String jdbcUrl = url.jdbcUrl().replaceAll("([?&])password=[^&]*&?", "$1");
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), CopyQuery.class.getName(), jdbcUrl, mode, sql);
    }

    private static Path onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
