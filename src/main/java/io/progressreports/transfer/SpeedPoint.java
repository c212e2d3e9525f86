package io.progressreports.transfer;

import java.time.LocalDate;

/**
 * One period of transfer_speed.png, periodEnd exclusive. The percentiles are NaN when the period has no transfers:
 * the chart leaves a gap there rather than a speed of zero.
 *
 * @param partial the range cuts the period: its volume is of fewer days than its neighbours'
 */
public record SpeedPoint(LocalDate periodStart, LocalDate periodEnd, boolean partial, long transfers, long items,
                         double p50ItemsPerSecond, double p90ItemsPerSecond) {
}
