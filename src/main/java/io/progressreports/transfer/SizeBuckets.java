package io.progressreports.transfer;

/**
 * Transfer sizes in log-spaced buckets of items: bucket 0 holds transfers of no items (valid, at a speed of 0),
 * bucket b >= 1 those of 10^(b-1) to 10^b - 1 items (1-9, 10-99, 100-999, ...); the last, 19, ends at
 * {@link Long#MAX_VALUE}. Pure.
 */
public final class SizeBuckets {

    /** The bucket of the largest item count a transfer can have. */
    public static final int LAST = 19;

    private SizeBuckets() {
    }

    /** @param items a transfer's completed items, >= 0 */
    public static int of(long items) {
        if (items < 0) {
            throw new IllegalArgumentException("negative items: " + items);
        }
        int bucket = 0;
        for (long bound = 1; bucket < LAST && items >= bound; bound *= 10) {
            bucket++;
        }
        return bucket;
    }

    /** The fewest items of a transfer in the bucket. */
    public static long minItems(int bucket) {
        check(bucket);
        return bucket == 0 ? 0 : pow10(bucket - 1);
    }

    /** The most items of a transfer in the bucket. */
    public static long maxItems(int bucket) {
        check(bucket);
        return bucket == 0 ? 0 : bucket == LAST ? Long.MAX_VALUE : pow10(bucket) - 1;
    }

    private static long pow10(int exponent) {
        long value = 1;
        for (int i = 0; i < exponent; i++) {
            value *= 10;
        }
        return value;
    }

    private static void check(int bucket) {
        if (bucket < 0 || bucket > LAST) {
            throw new IllegalArgumentException("no size bucket " + bucket);
        }
    }
}
