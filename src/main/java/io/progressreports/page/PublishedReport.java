package io.progressreports.page;

/**
 * One published report, as {@code <out>/index.html} lists it.
 *
 * @param folder   its folder under the job's, for example {@code 2026-09-07_2026-12-05}
 * @param rendered when it was rendered (ISO instant), which orders the list
 * @param alerts   broken alert rules, 0 when none or the job has no rules
 * @param latest   whether the job's {@code latest} points at it
 * @param adhoc    whether a run with settings other than the job file's made it
 */
public record PublishedReport(String folder, String from, String to, String asOf, String rendered, long alerts,
                              boolean latest, boolean adhoc) {
}
