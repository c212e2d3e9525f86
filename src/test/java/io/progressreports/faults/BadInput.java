package io.progressreports.faults;

import io.progressreports.failure.Printable;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One bad command line or job file, and what the refusal must show.
 *
 * @param inputClass     the kind of bad input, for the corpus's tally
 * @param args           the command line after {@code run} (for a job file: none, the job is {@link #JOB})
 * @param jobFile        the bytes of {@code jobs/bad.yml}, or null to use the project's job files
 * @param named          what the one error line must contain: the bad value as the CLI prints it
 * @param marker         text that must never be part of a statement the database is sent; null when the value is
 *                       too plain to look for (0, year)
 * @param looksUpCatalog the value is a well-formed name the catalog is asked about, as a bound parameter
 */
record BadInput(String inputClass, List<String> args, byte[] jobFile, String named, String marker,
                boolean looksUpCatalog) {

    static final String JOB = "bad";

    /** {@code run args...}: the error names {@code named}; the last argument, the bad value, is the marker. */
    static BadInput flags(String inputClass, String named, String... args) {
        String value = args[args.length - 1];
        return new BadInput(inputClass, List.of(args), null, named, distinctive(value), false);
    }

    /** {@code run bad} with this job file. */
    static BadInput jobFile(String inputClass, String named, String yaml) {
        return jobFile(inputClass, named, yaml.getBytes(StandardCharsets.UTF_8));
    }

    static BadInput jobFile(String inputClass, String named, byte[] content) {
        return new BadInput(inputClass, List.of(JOB), content, named, distinctive(named), false);
    }

    private static String distinctive(String value) {
        return value.length() >= 6 ? value : null;
    }

    /** The same case, with an injected payload that must never reach SQL. */
    BadInput marker(String payload) {
        return new BadInput(inputClass, args, jobFile, named, payload, looksUpCatalog);
    }

    BadInput viaCatalog() {
        return new BadInput(inputClass, args, jobFile, named, marker, true);
    }

    /** The value as a report line names it: control characters escaped and long values cut. */
    static String printable(String value) {
        return Printable.of(value);
    }

    @Override
    public String toString() {
        var shown = new ArrayList<>(args);
        if (jobFile != null) {
            shown.add("with " + new String(jobFile, StandardCharsets.UTF_8));
        }
        return inputClass + ": " + printable(String.join(" ", shown));
    }
}
