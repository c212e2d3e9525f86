package io.progressreports.transfer;

/**
 * A deployment step as read, with its timing row if it has one. Times are epoch microseconds,
 * {@link io.progressreports.source.Micros#NONE} where null. Item counts are null where the column is, a
 * {@link Long} where it holds a whole number, and a {@link java.math.BigDecimal} only where it holds a fraction
 * (a numeric column): such a row is rejected, never truncated.
 */
public record StepTimingRow(long stepId, String step, String status, Number totalItems, Number completedItems,
                            long updatedAt, boolean timed, long startedAt, long finishedAt) {
}
