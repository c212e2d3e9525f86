package io.progressreports.transfer;

import java.time.LocalDate;

/**
 * One period of rejects_untimed.png, periodEnd exclusive: the completed transfers the speeds leave out.
 *
 * @param rejected transfers a rule rejected (rejects.csv lists them)
 * @param untimed  completed transfers without a timing row
 * @param partial  the range cuts the period: its counts are of fewer days than its neighbours'
 */
public record RejectPoint(LocalDate periodStart, LocalDate periodEnd, boolean partial, long rejected,
                          long untimed) {
}
