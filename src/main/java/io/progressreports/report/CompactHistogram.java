package io.progressreports.report;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * A histogram of non-negative values for the many small cells of a breakdown (a transfer-size bucket at an hour of
 * one day): exact counts in buckets of a relative width of 2^-10 (a value is reported within 0.05%), kept sparse,
 * so an empty or nearly empty cell costs a few bytes. A bucket is a double's exponent and its top 10 mantissa bits,
 * so every histogram has the same buckets: merging adds counts and never re-buckets a value.
 * <p>
 * Why not HdrHistogram's {@code DoubleHistogram}, as the day-wide figures use: its buckets follow the range of what
 * it has seen, and its counts array spans that whole range (66 KB for a cell of five transfers of 10 to 10,000
 * items/s). Measured on this project's build machine, decoding and merging a year of days of 240 such cells took
 * 7 to 15 s; a nightly run renders a year.
 */
public final class CompactHistogram {

    private static final int MANTISSA_BITS = 10;
    private static final int SHIFT = 52 - MANTISSA_BITS;
    /** Values recorded but not yet sorted into buckets, at most: sorting them in batches keeps recording cheap. */
    private static final int PENDING_LIMIT = 4096;
    private static final long[] NONE = new long[0];

    /** Bucket keys, ascending, each with its count: the first {@code size} entries. */
    private long[] keys = NONE;
    private long[] counts = NONE;
    private int size;
    private long[] pending = NONE;
    private int pendingSize;
    private long total;

    /** @param value a finite value >= 0 */
    public void record(double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("not a finite value >= 0: " + value);
        }
        if (pendingSize == pending.length) {
            if (pendingSize >= PENDING_LIMIT) {
                sortPending();
            } else {
                pending = Arrays.copyOf(pending, Math.max(16, 2 * pendingSize));
            }
        }
        pending[pendingSize++] = key(value);
        total++;
    }

    /** Adds {@code other}'s counts to this one's. */
    public void add(CompactHistogram other) {
        other.sortPending();
        sortPending();
        mergeSorted(other.keys, other.counts, other.size);
        total += other.total;
    }

    public long totalCount() {
        return total;
    }

    /**
     * The values at fractions ps (ascending, in (0, 1]), ranked as PostgreSQL's {@code percentile_disc} (rank =
     * ceil(p * n)), each clamped to the exactly known extremes {@code min} and {@code max}: a bucket's value is its
     * midpoint, which near the ends could lie outside what was recorded. NaN when empty.
     */
    public double[] nearestRanksWithin(double min, double max, double... ps) {
        sortPending();
        var values = new double[ps.length];
        if (total == 0) {
            Arrays.fill(values, Double.NaN);
            return values;
        }
        int next = 0;
        long seen = 0;
        for (int i = 0; i < size && next < ps.length; i++) {
            seen += counts[i];
            while (next < ps.length && seen >= Math.max(1, (long) Math.ceil(ps[next] * total))) {
                values[next++] = Math.min(max, Math.max(min, value(keys[i])));
            }
        }
        return values;
    }

    /** Writes the buckets: their number, then each key (as the difference from the one before) and count. */
    public void writeTo(DataOutput out) throws IOException {
        sortPending();
        out.writeInt(size);
        long previous = 0;
        for (int i = 0; i < size; i++) {
            out.writeLong(keys[i] - previous);
            out.writeLong(counts[i]);
            previous = keys[i];
        }
    }

    public static CompactHistogram readFrom(DataInput in) throws IOException {
        var histogram = new CompactHistogram();
        int size = in.readInt();
        histogram.keys = new long[size];
        histogram.counts = new long[size];
        long key = 0;
        for (int i = 0; i < size; i++) {
            key += in.readLong();
            histogram.keys[i] = key;
            histogram.counts[i] = in.readLong();
            histogram.total += histogram.counts[i];
        }
        histogram.size = size;
        return histogram;
    }

    /** Positive doubles order as their bits do; zero (and -0.0) is bucket 0, which holds only it. */
    private static long key(double value) {
        return value == 0 ? 0 : Math.max(1, Double.doubleToRawLongBits(value) >>> SHIFT);
    }

    /** The middle of the bucket's values (zero for bucket 0). */
    private static double value(long key) {
        if (key == 0) {
            return 0;
        }
        double low = Double.longBitsToDouble(key << SHIFT);
        double high = Double.longBitsToDouble((key + 1) << SHIFT);
        return low + (high - low) / 2;
    }

    private void sortPending() {
        if (pendingSize == 0) {
            return;
        }
        Arrays.sort(pending, 0, pendingSize);
        var runKeys = new long[pendingSize];
        var runCounts = new long[pendingSize];
        int runs = 0;
        for (int i = 0; i < pendingSize; i++) {
            if (runs > 0 && runKeys[runs - 1] == pending[i]) {
                runCounts[runs - 1]++;
            } else {
                runKeys[runs] = pending[i];
                runCounts[runs++] = 1;
            }
        }
        pendingSize = 0;
        mergeSorted(runKeys, runCounts, runs);
    }

    private void mergeSorted(long[] otherKeys, long[] otherCounts, int otherSize) {
        if (otherSize == 0) {
            return;
        }
        var mergedKeys = new long[size + otherSize];
        var mergedCounts = new long[size + otherSize];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < size || j < otherSize) {
            if (j == otherSize || i < size && keys[i] < otherKeys[j]) {
                mergedKeys[n] = keys[i];
                mergedCounts[n++] = counts[i++];
            } else if (i == size || otherKeys[j] < keys[i]) {
                mergedKeys[n] = otherKeys[j];
                mergedCounts[n++] = otherCounts[j++];
            } else {
                mergedKeys[n] = keys[i];
                mergedCounts[n++] = counts[i++] + otherCounts[j++];
            }
        }
        keys = mergedKeys;
        counts = mergedCounts;
        size = n;
    }
}
