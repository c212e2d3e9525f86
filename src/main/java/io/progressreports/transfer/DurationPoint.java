package io.progressreports.transfer;

import java.time.LocalDate;

/** One period and step of step_duration.png. */
public record DurationPoint(LocalDate periodStart, LocalDate periodEnd, String step, long steps, double p50Seconds,
                            double p90Seconds) {
}
