package io.progressreports.run;

import java.nio.file.Path;

/**
 * The flags of {@code run} that change what a job file asks for, by concern; null (or false) leaves the file's
 * value.
 */
public record RunOverrides(Range range, Calendar calendar, KindFlags kind, Work work, Output output) {

    /** The nightly report, as cron and the scheduler run it: the job file as it is. */
    public static RunOverrides nightly(Path out) {
        return new RunOverrides(Range.FILE, Calendar.FILE, KindFlags.NONE, Work.FILE, new Output(out, true, false));
    }

    /**
     * The same run with the job file's own definition: the range, the source, output and work settings kept, and of
     * the kind's flags those its {@code own} keeps.
     */
    public RunOverrides ownDefinition(KindFlags own) {
        return new RunOverrides(range, Calendar.FILE, own, work, output);
    }

    /** Which days: one of from/to, date or last; with none, the file's {@code last} days up to as-of. */
    public record Range(String from, String to, String date, Integer last) {

        public static final Range FILE = new Range(null, null, null, null);
    }

    /** When "now" is for the run, and the zone and grain of its days and periods. */
    public record Calendar(String asOf, String zone, String grain) {

        public static final Calendar FILE = new Calendar(null, null, null);
    }

    /** How the source is read and the work is done and judged. */
    public record Work(String sourceZone, boolean recompute, Integer partitionDays, String maxRejectRate) {

        public static final Work FILE = new Work(null, false, null, null);
    }

    /**
     * Where and how the report is published.
     *
     * @param latest move {@code latest} to this run's report even if the run's settings are not the job file's
     */
    public record Output(Path out, boolean bom, boolean latest) {
    }
}
