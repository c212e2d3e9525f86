package io.progressreports;

import io.progressreports.cli.ProgressReportsCommand;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** progress-reports run in this JVM with stdout and stderr captured, for commands whose output is their result. */
public record CliRun(int exitCode, String out, String err) {

    public static CliRun of(List<String> args) {
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int exitCode = ProgressReportsCommand.execute(args.toArray(String[]::new));
            return new CliRun(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }

    public List<String> lines() {
        return out.lines().toList();
    }
}
