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

    /**
     * Records a value, never failing. A DoubleHistogram covers a limited ratio of largest to smallest value
     * (about 10^10 to 10^15, depending on the order values came in); a value further from those already recorded
     * (a transfer that "started" in year 1 next to one of a microsecond) would throw and fail the whole day. Such a
     * value is recorded as the recorded extreme on its side instead: the count stays exact, and only a percentile
     * that falls on such an outlier is off; exact maxima are kept beside the histograms.
     */
    public static void record(DoubleHistogram histogram, double value, long count) {
        try {
            histogram.recordValueWithCount(value, count);
        } catch (ArrayIndexOutOfBoundsException outOfRange) {
            histogram.recordValueWithCount(value < histogram.getMinNonZeroValue() ? histogram.getMinNonZeroValue()
                    : histogram.getMaxValue(), count);
        }
    }

    /** Adds {@code from}'s values into {@code into} as {@link #record} does: merging days never fails either. */
    public static void add(DoubleHistogram into, DoubleHistogram from) {
        for (DoubleHistogramIterationValue value : from.recordedValues()) {
            record(into, value.getValueIteratedTo(), value.getCountAtValueIteratedTo());
        }
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
