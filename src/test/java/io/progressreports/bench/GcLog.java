package io.progressreports.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Peak heap from the job's own GC log ({@code -Xlog:gc,gc+heap+exit}): the largest heap-in-use figure the JVM
 * reported, which is either a "before" figure of a collection ({@code Pause Young (Normal) ... 300M->100M(512M)})
 * or the used heap at exit ({@code garbage-first heap total 262144K, used 45678K}) when it grew more after the last
 * collection. No agent, no sampling: the JVM's own accounting, at the moments heap use peaks (just before a GC).
 */
final class GcLog {

    static final String METHOD = "max over the JVM's -Xlog:gc,gc+heap+exit log of the heap in use before each "
            + "collection (e.g. 'Pause Young ... 300M->100M(512M)' gives 300M) and of the heap used at exit";

    /** The JVM options that write the log this class reads. */
    static String option(Path file) {
        return "-Xlog:gc,gc+heap+exit:file=" + file;
    }

    private static final Pattern BEFORE_GC = Pattern.compile("(\\d+)([KMG])->\\d+[KMG]\\(\\d+[KMG]\\)");
    private static final Pattern USED_AT_EXIT = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");

    private GcLog() {
    }

    /** @return MiB, or -1 when the log is missing or has no heap figure */
    static double peakHeapMib(Path log) {
        if (!Files.exists(log)) {
            return -1;
        }
        double peak = -1;
        try {
            for (String line : Files.readAllLines(log)) {
                Matcher before = BEFORE_GC.matcher(line);
                while (before.find()) {
                    peak = Math.max(peak, mib(Long.parseLong(before.group(1)), before.group(2)));
                }
                Matcher exit = USED_AT_EXIT.matcher(line);
                if (exit.find()) {
                    peak = Math.max(peak, mib(Long.parseLong(exit.group(1)), "K"));
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return peak;
    }

    private static double mib(long value, String unit) {
        return switch (unit) {
            case "K" -> value / 1024.0;
            case "G" -> value * 1024.0;
            default -> value;
        };
    }
}
