package io.progressreports.funnel;

public record FunnelBar(int stepNumber, String step, long namespaces, double conversionFromStart) {
}
