package io.progressreports.funnel;

import io.progressreports.source.Micros;

/**
 * One onboarding_progresses row as read: times are epoch microseconds (PostgreSQL's own precision, so
 * comparisons are exact), {@link #NONE} where the column is null. {@code actionTimes} follows
 * {@link FunnelDefinition#actions()}; {@code segment} is the breakdown column's text, null when NULL or without
 * a breakdown.
 */
public record OnboardingRow(long id, Long namespaceId, long createdAt, long[] actionTimes, String segment) {

    public static final long NONE = Micros.NONE;
}
