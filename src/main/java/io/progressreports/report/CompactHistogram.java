package io.progressreports.report;

import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
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
    /**
     * Entries added but not yet sorted into buckets, at most: sorting them in batches keeps recording and merging
     * cheap (a breakdown's marginal is the sum of 24 cells: one sort, not 24 merges).
     */
    private static final int PENDING_LIMIT = 4096;
    private static final long[] NONE = new long[0];

    /**
     * Bucket keys, ascending and distinct, each with its count: the first {@code size} entries. Never written once
     * set, so histograms may share them.
     */
    private long[] keys = NONE;
    private long[] counts = NONE;
    private int size;
    /** Keys and counts not yet sorted in, in any order, keys possibly repeated. */
    private long[] pendingKeys = NONE;
    private long[] pendingCounts = NONE;
    private int pendingSize;
    private long total;

    /** @param value a finite value >= 0 */
    public void record(double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("not a finite value >= 0: " + value);
        }
        addPending(key(value), 1);
        total++;
    }

    /** Adds {@code other}'s counts to this one's. */
    public void add(CompactHistogram other) {
        if (size == 0 && pendingSize == 0 && other.pendingSize == 0) {
            // Shared, not copied: the sorted arrays are never written once set (merging makes new ones).
            keys = other.keys;
            counts = other.counts;
            size = other.size;
        } else {
            for (int i = 0; i < other.size; i++) {
                addPending(other.keys[i], other.counts[i]);
            }
            for (int i = 0; i < other.pendingSize; i++) {
                addPending(other.pendingKeys[i], other.pendingCounts[i]);
            }
        }
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

    /** Reads what {@link #writeTo} wrote (big-endian, as a ByteBuffer reads by default). */
    public static CompactHistogram readFrom(ByteBuffer in) {
        var histogram = new CompactHistogram();
        int size = in.getInt();
        histogram.keys = new long[size];
        histogram.counts = new long[size];
        long key = 0;
        for (int i = 0; i < size; i++) {
            key += in.getLong();
            histogram.keys[i] = key;
            histogram.counts[i] = in.getLong();
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

    private void addPending(long key, long count) {
        if (pendingSize == pendingKeys.length) {
            if (pendingSize >= PENDING_LIMIT) {
                sortPending();
            } else {
                int capacity = Math.max(16, 2 * pendingSize);
                pendingKeys = Arrays.copyOf(pendingKeys, capacity);
                pendingCounts = Arrays.copyOf(pendingCounts, capacity);
            }
        }
        pendingKeys[pendingSize] = key;
        pendingCounts[pendingSize++] = count;
    }

    /**
     * Sorts the pending entries into the buckets. A key fits in 22 bits (a positive double's bits without the
     * lowest 42), so each entry sorts as one long: its key above its index.
     */
    private void sortPending() {
        if (pendingSize == 0) {
            return;
        }
        var order = new long[pendingSize];
        for (int i = 0; i < pendingSize; i++) {
            order[i] = pendingKeys[i] << 32 | i;
        }
        Arrays.sort(order);
        var runKeys = new long[pendingSize];
        var runCounts = new long[pendingSize];
        int runs = 0;
        for (long entry : order) {
            long key = entry >>> 32;
            long count = pendingCounts[(int) entry];
            if (runs > 0 && runKeys[runs - 1] == key) {
                runCounts[runs - 1] += count;
            } else {
                runKeys[runs] = key;
                runCounts[runs++] = count;
            }
        }
        pendingSize = 0;
        mergeSorted(runKeys, runCounts, runs);
    }

    /** Merges sorted, distinct entries in, taking over the arrays when there is nothing to merge them with. */
    private void mergeSorted(long[] otherKeys, long[] otherCounts, int otherSize) {
        if (size == 0) {
            keys = otherKeys;
            counts = otherCounts;
            size = otherSize;
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
