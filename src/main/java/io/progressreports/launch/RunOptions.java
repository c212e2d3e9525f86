package io.progressreports.launch;

import io.progressreports.alert.Alerting;
import io.progressreports.report.DateRange;

import java.math.BigDecimal;
import java.nio.file.Path;

/**
 * How a run reads and writes, as opposed to what it counts.
 *
 * @param maxRejectRate the share of rejected rows above which the run exits 65 once its report is published; null
 *                      for no threshold
 * @param overrides     the flags by which the run's definition differs from its job file's, e.g. "steps=git_write
 *                      window=PT24H"; empty for the job file's own definition
 * @param latest        whether publishing moves {@code latest} to the report: always for the job file's own
 *                      definition, for another only when asked ({@code --latest})
 * @param alerting      the job file's alert rules, checked once the report is built, and its webhook (which only
 *                      the launching process has: it is never a job parameter)
 */
public record RunOptions(Path out, boolean bom, int partitionDays, BigDecimal maxRejectRate, String overrides,
                         boolean latest, Alerting alerting) {

    public RunOptions {
        overrides = overrides == null ? "" : overrides;
        latest = latest || overrides.isEmpty();
        alerting = alerting == null ? Alerting.NONE : alerting;
    }

    /** Without alert rules. */
    public RunOptions(Path out, boolean bom, int partitionDays, BigDecimal maxRejectRate, String overrides,
                      boolean latest) {
        this(out, bom, partitionDays, maxRejectRate, overrides, latest, Alerting.NONE);
    }

    /**
     * The report's folder under {@code <out>/<job>/}: the range for the job file's own definition; for another,
     * the range, "adhoc" and a short hash of what the run counts ({@code identity}), so that it never replaces
     * the job file's report and two different ad-hoc runs never replace each other.
     */
    public String folder(DateRange range, String identity) {
        return overrides.isEmpty() ? range.label() : range.label() + "-adhoc-" + identity.substring(0, 8);
    }
}
