package io.progressreports.transfer;

import java.time.LocalDate;

/** One period of transfer_speed.png; the percentiles are NaN when the period has no transfers. */
public record SpeedPoint(LocalDate periodStart, LocalDate periodEnd, long transfers, long items,
                         double p50ItemsPerSecond, double p90ItemsPerSecond) {
}
