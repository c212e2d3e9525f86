package io.progressreports.funnel;

/**
 * One step of funnel.png: how many namespaces of the mature cohorts reached it, and beside them how many of the
 * immature cohorts have so far. Shares are fractions 0..1, NaN where there is nothing to divide by.
 *
 * @param conversionFromStart         namespaces / mature namespaces at step 1
 * @param conversionFromPrevious      namespaces / mature namespaces at the step before; NaN for step 1
 * @param immatureNamespaces          namespaces of the immature cohorts that reached the step so far
 * @param immatureConversionFromStart immatureNamespaces / immature namespaces at step 1
 */
public record FunnelBar(int stepNumber, String step, long namespaces, double conversionFromStart,
                        double conversionFromPrevious, long immatureNamespaces,
                        double immatureConversionFromStart) {
}
