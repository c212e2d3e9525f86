package io.progressreports.check;

import io.progressreports.failure.ExitCodes;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** The findings so far, each printed as it is made: a source that does not answer takes seconds to say so. */
public final class Findings {

    /** Unreachable first: with no connection the other checks could not run, so their silence means nothing. */
    private static final List<Integer> PRECEDENCE = List.of(ExitCodes.UNAVAILABLE, ExitCodes.USAGE,
            ExitCodes.CANNOT_CREATE);

    private final PrintStream out;
    private final List<Finding> all = new ArrayList<>();

    public Findings(PrintStream out) {
        this.out = out;
    }

    void add(Finding finding) {
        all.add(finding);
        out.println(finding.line());
    }

    public int exitCode() {
        return PRECEDENCE.stream()
                .filter(code -> all.stream().anyMatch(finding -> finding.exitCode() == code))
                .findFirst()
                .orElse(ExitCodes.OK);
    }

    /** e.g. "check: 2 errors, 1 warning". */
    public String summary() {
        return "check: " + count(Finding.Level.ERROR, "error") + ", " + count(Finding.Level.WARNING, "warning");
    }

    private String count(Finding.Level level, String noun) {
        long n = all.stream().filter(finding -> finding.level() == level).count();
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
