package io.progressreports.transfer;

/**
 * A deployment step as read, with its timing row if it has one. Times are epoch microseconds,
 * {@link io.progressreports.source.Micros#NONE} where null; item counts are null where the column is.
 */
public record StepTimingRow(long stepId, String step, String status, Long totalItems, Long completedItems,
                            long updatedAt, boolean timed, long startedAt, long finishedAt) {
}
