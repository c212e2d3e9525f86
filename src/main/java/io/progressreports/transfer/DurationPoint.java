package io.progressreports.transfer;

// PLACEHOLDER until the transfer charts helper delivers
public record DurationPoint(java.time.LocalDate periodStart, java.time.LocalDate periodEnd, String step, long steps,
                            double p50Seconds, double p90Seconds) {
}
