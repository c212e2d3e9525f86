package io.progressreports.funnel;

/**
 * One bar of funnel.png: how many namespaces of the whole range reached a step.
 *
 * @param conversionFromStart namespaces / namespaces at step 1, a fraction 0..1; NaN when no namespace was created
 */
public record FunnelBar(int stepNumber, String step, long namespaces, double conversionFromStart) {
}
