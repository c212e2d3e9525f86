package io.progressreports.compare;

import java.time.LocalDate;

/**
 * The latest complete period's figure against one baseline.
 *
 * @param baseline       {@code previous} (the period before) or {@code four_weeks_earlier} (the period that started
 *                       28 days before)
 * @param change         value minus the baseline's value
 * @param relativeChange change over the baseline's value; NaN where that is 0
 * @param noise          whether the change is larger than noise: for shares the two-proportion test at 5%, for
 *                       other figures whether the value lies outside the range of the previous periods' values
 */
public record Comparison(String figure, LocalDate start, LocalDate end, double value, String baseline,
                         LocalDate baselineStart, LocalDate baselineEnd, double baselineValue, double change,
                         double relativeChange, Noise noise) {

    static Comparison of(String figure, LocalDate start, LocalDate end, double value, String baseline,
                         LocalDate baselineStart, LocalDate baselineEnd, double baselineValue, Noise noise) {
        double change = value - baselineValue;
        return new Comparison(figure, start, end, value, baseline, baselineStart, baselineEnd, baselineValue, change,
                baselineValue == 0 ? Double.NaN : change / baselineValue, noise);
    }

    public enum Noise {
        BEYOND, WITHIN,
        /** Too few earlier periods to tell. */
        UNKNOWN
    }
}
