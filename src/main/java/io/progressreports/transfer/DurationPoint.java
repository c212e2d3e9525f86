package io.progressreports.transfer;

import java.time.LocalDate;

/**
 * One period and step name of step_duration.png, periodEnd exclusive. A period in which the step has no timings
 * needs no point: the step's line breaks there. A partial period (the range cuts it) has a hollow dot.
 */
public record DurationPoint(LocalDate periodStart, LocalDate periodEnd, boolean partial, String step, long steps, double p50Seconds,
                            double p90Seconds) {
}
