package io.progressreports.report;

import org.HdrHistogram.DoubleHistogram;
import org.HdrHistogram.DoubleHistogramIterationValue;

/**
 * Nearest-rank percentiles from a histogram, ranked exactly as PostgreSQL's {@code percentile_disc}
 * (rank = ceil(p * n)); HdrHistogram's own getValueAtPercentile rounds the rank and can pick a neighbour.
 */
public final class Percentiles {

    public static final int SIGNIFICANT_DIGITS = 3;

    private Percentiles() {
    }

    public static DoubleHistogram newHistogram() {
        return new DoubleHistogram(SIGNIFICANT_DIGITS);
    }

    /** The value at fraction p (0..1], within the histogram's 0.1% precision; NaN when empty. */
    public static double nearestRank(DoubleHistogram histogram, double p) {
        long total = histogram.getTotalCount();
        if (total == 0) {
            return Double.NaN;
        }
        long rank = Math.max(1, (long) Math.ceil(p * total));
        long seen = 0;
        for (DoubleHistogramIterationValue value : histogram.recordedValues()) {
            seen += value.getCountAddedInThisIterationStep();
            if (seen >= rank) {
                return histogram.medianEquivalentValue(value.getValueIteratedTo());
            }
        }
        return histogram.getMaxValue();
    }
}
