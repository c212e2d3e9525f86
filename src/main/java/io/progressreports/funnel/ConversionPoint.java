package io.progressreports.funnel;

import java.time.LocalDate;

/**
 * One point of conversion_trend.png: the share of a cohort that reached a step.
 *
 * @param cohortEnd           exclusive, as in funnel.csv
 * @param conversionFromStart a fraction 0..1; NaN when the cohort is empty
 * @param mature              false while the window of some namespace in the cohort is still open, so the share can
 *                            still grow
 * @param partial             the range cuts the cohort: fewer days of signups than its neighbours
 * @param cohortNamespaces    the cohort's size: its namespaces at step 1
 */
public record ConversionPoint(LocalDate cohortStart, LocalDate cohortEnd, int stepNumber, String step,
                              double conversionFromStart, boolean mature, boolean partial, long cohortNamespaces) {
}
