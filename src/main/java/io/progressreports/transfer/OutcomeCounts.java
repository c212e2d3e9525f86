package io.progressreports.transfer;

import java.util.EnumMap;
import java.util.Map;

/**
 * Rows by outcome, in {@link TransferStatuses.Category}'s order: what transfer_status.csv counts for transfers and
 * step_outcomes.csv for every step kind.
 */
public record OutcomeCounts(long completed, long failed, long canceled, long running, long other) {

    /** @param counts by {@link TransferStatuses.Category#ordinal()} */
    static OutcomeCounts of(long[] counts) {
        return new OutcomeCounts(counts[0], counts[1], counts[2], counts[3], counts[4]);
    }

    /** {@code completed} rows and the others by the status word they were read with. */
    static OutcomeCounts of(long completed, Map<String, Long> notCompleted) {
        var counts = new EnumMap<TransferStatuses.Category, Long>(TransferStatuses.Category.class);
        notCompleted.forEach((status, n) -> counts.merge(TransferStatuses.category(status), n, Long::sum));
        return new OutcomeCounts(completed, counts.getOrDefault(TransferStatuses.Category.FAILED, 0L),
                counts.getOrDefault(TransferStatuses.Category.CANCELED, 0L),
                counts.getOrDefault(TransferStatuses.Category.RUNNING, 0L),
                counts.getOrDefault(TransferStatuses.Category.OTHER, 0L));
    }

    public long total() {
        return completed + failed + canceled + running + other;
    }

    public long of(TransferStatuses.Category category) {
        return switch (category) {
            case COMPLETED -> completed;
            case FAILED -> failed;
            case CANCELED -> canceled;
            case RUNNING -> running;
            case OTHER -> other;
        };
    }

    /**
     * failed / (completed + failed): of the rows that ran to an end of their own, the share that failed. Canceled
     * ones were stopped and running ones have not ended: neither counts. NaN without any.
     */
    public double failureRate() {
        return completed + failed == 0 ? Double.NaN : (double) failed / (completed + failed);
    }

    /**
     * canceled / (completed + failed + canceled): of the rows that ended, by themselves or stopped, the share that
     * was stopped. Running ones have not ended, other statuses (skipped, ...) did not run: neither counts.
     */
    public double abortRate() {
        long ended = completed + failed + canceled;
        return ended == 0 ? Double.NaN : (double) canceled / ended;
    }
}
