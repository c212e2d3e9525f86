package io.progressreports.report;

import org.HdrHistogram.DoubleHistogram;
import org.HdrHistogram.DoubleHistogramIterationValue;

import java.util.Arrays;

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

    /**
     * Adds {@code from}'s values into {@code into} as {@link #record} does: merging days never fails either.
     * <p>
     * Values go in in ascending order, except that the largest goes in right after the smallest non-zero one when
     * all of them are well inside the histogram's range. A histogram grows by copying its counts each time a value
     * passes its top, so in ascending order a merge into a new histogram copied them once per binary order of
     * magnitude of the values (most of the time of rendering half a year of days); taking the largest early grows
     * it once. The result is the same histogram either way: its value-to-bucket mapping follows the smallest value
     * and its size the largest, whatever the order, and inside the range no value is clamped by {@link #record}.
     */
    public static void add(DoubleHistogram into, DoubleHistogram from) {
        // The iterator hands out one reused object: keep the values and counts.
        int n = 0;
        double[] values = new double[16];
        long[] counts = new long[16];
        for (DoubleHistogramIterationValue value : from.recordedValues()) {
            if (n == values.length) {
                values = Arrays.copyOf(values, 2 * n);
                counts = Arrays.copyOf(counts, 2 * n);
            }
            values[n] = value.getValueIteratedTo();
            counts[n++] = value.getCountAtValueIteratedTo();
        }
        int smallest = n > 1 && values[0] == 0 ? 1 : 0;
        int largest = n - 1;
        if (largest > smallest + 1 && wellInsideRange(into, values[smallest], values[largest])) {
            for (int i = 0; i <= smallest; i++) {
                record(into, values[i], counts[i]);
            }
            record(into, values[largest], counts[largest]);
            for (int i = smallest + 1; i < largest; i++) {
                record(into, values[i], counts[i]);
            }
        } else {
            for (int i = 0; i < n; i++) {
                record(into, values[i], counts[i]);
            }
        }
    }

    /**
     * Whether the values from smallest to largest, with those already in {@code into}, span less than 2^40: far
     * from the about 2^52 that a histogram of 3 significant digits covers, so recording them never throws.
     */
    private static boolean wellInsideRange(DoubleHistogram into, double smallest, double largest) {
        double low = into.getTotalCount() > into.getCountAtValue(0) ? Math.min(smallest, into.getMinNonZeroValue())
                : smallest;
        double high = Math.max(largest, into.getMaxValue());
        return low > 0 && high / low < 0x1p40;
    }

    /** The value at fraction p (0..1], within the histogram's 0.1% precision; NaN when empty. */
    public static double nearestRank(DoubleHistogram histogram, double p) {
        return nearestRanks(histogram, p)[0];
    }

    /**
     * The values at fractions ps, in ascending order, as {@link #nearestRank} gives each, in one pass over the
     * histogram's counts (a pass reads every bucket up to the largest value, recorded or not).
     */
    public static double[] nearestRanks(DoubleHistogram histogram, double... ps) {
        var values = new double[ps.length];
        long total = histogram.getTotalCount();
        if (total == 0) {
            Arrays.fill(values, Double.NaN);
            return values;
        }
        int next = 0;
        long seen = 0;
        for (DoubleHistogramIterationValue value : histogram.recordedValues()) {
            seen += value.getCountAddedInThisIterationStep();
            while (next < ps.length && seen >= rank(ps[next], total)) {
                values[next++] = histogram.medianEquivalentValue(value.getValueIteratedTo());
            }
            if (next == ps.length) {
                return values;
            }
        }
        Arrays.fill(values, next, ps.length, histogram.getMaxValue());
        return values;
    }

    /**
     * {@link #nearestRanks}, each value clamped to the exactly recorded extremes. A histogram's value stands for its
     * bucket (0.1% wide), so near the ends a percentile could fall outside what was recorded: a p99 above the
     * maximum. Clamped, min <= p50 <= p90 <= p99 <= max holds in every row, and each value only gets closer to the
     * exact one, since the exact value lies between the extremes too.
     */
    public static double[] nearestRanksWithin(DoubleHistogram histogram, double min, double max, double... ps) {
        double[] values = nearestRanks(histogram, ps);
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.min(max, Math.max(min, values[i]));
        }
        return values;
    }

    private static long rank(double p, long total) {
        return Math.max(1, (long) Math.ceil(p * total));
    }
}
