package io.progressreports.transfer;

// PLACEHOLDER until the transfer charts helper delivers
public record SpeedPoint(java.time.LocalDate periodStart, java.time.LocalDate periodEnd, long transfers, long items,
                         double p50ItemsPerSecond, double p90ItemsPerSecond) {
}
