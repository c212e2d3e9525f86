package io.progressreports.run;

import java.nio.file.Path;

/**
 * The flags of {@code run} that change what a job file asks for; null (or false) leaves the file's value. The
 * range is one of from/to, date or last; with none, the file's {@code last} days up to as-of.
 *
 * @param latest move {@code latest} to this run's report even if the run's settings are not the job file's
 */
public record RunOverrides(String from, String to, String date, Integer last, String asOf, String zone, String grain,
                           String steps, String window, String order, String ages, String table, boolean dropoffs,
                           boolean recompute, Path out, boolean bom, Integer partitionDays,
                           String maxRejectRate, String sourceZone, boolean latest) {

    /** The nightly report, as cron and the scheduler run it: the job file as it is. */
    public static RunOverrides nightly(Path out) {
        return new RunOverrides(null, null, null, null, null, null, null, null, null, null, null, null, false, false,
                out, true, null, null, null, false);
    }

    /**
     * The same run with the job file's own definition: the range, the source, output and work settings kept; the
     * steps kept only when the file names none, so that a definition can be made at all.
     */
    RunOverrides ownDefinition(boolean fileHasSteps) {
        return new RunOverrides(from, to, date, last, null, null, null, fileHasSteps ? null : steps, null, null, null,
                null, dropoffs, recompute, out, bom, partitionDays, maxRejectRate, sourceZone, latest);
    }
}
