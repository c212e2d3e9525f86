package io.progressreports.funnel;

import io.progressreports.launch.DayRows;
import org.HdrHistogram.DoubleHistogram;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Everything the report needs about one cohort day: mergeable, so weeks and months are sums of days and a
 * day can be built up chunk by chunk. With a breakdown it also holds each segment's figures, by the breakdown
 * column's text (a null key for NULL); the data-quality counts are the day's alone.
 */
public final class FunnelDayAggregate {

    private final FunnelFigures figures;
    private final long[] beforeCreation;
    private final LateActions afterAsOf;
    private final Map<String, Long> rejected;
    /** Null without a breakdown; a HashMap, for NULL is a segment too. */
    private final Map<String, SegmentFigures> segments;
    private final FunnelDefinition definition;

    public FunnelDayAggregate(FunnelDefinition definition, FunnelFigures figures, long[] beforeCreation,
                              LateActions afterAsOf, Map<String, Long> rejected, Map<String, SegmentFigures> segments) {
        this.definition = definition;
        this.figures = figures;
        this.beforeCreation = beforeCreation;
        this.afterAsOf = afterAsOf;
        this.rejected = new TreeMap<>(rejected);
        this.segments = segments == null ? null : new HashMap<>(segments);
    }

    public static FunnelDayAggregate empty(FunnelDefinition definition) {
        return empty(definition, false);
    }

    /** @param segmented whether the run has a breakdown, so that the day keeps its segments' figures */
    public static FunnelDayAggregate empty(FunnelDefinition definition, boolean segmented) {
        int actions = definition.actions().size();
        return new FunnelDayAggregate(definition, FunnelFigures.empty(definition), new long[actions],
                new LateActions(actions), new TreeMap<>(), segmented ? new HashMap<>() : null);
    }

    /** @param ageLimits completion ages in microseconds, in {@link FunnelDefinition#completionAges()} order */
    public void add(OnboardingRecord record, long[] ageLimits) {
        if (record instanceof RejectedRow row) {
            rejected.merge(row.reason(), 1L, Long::sum);
            return;
        }
        var outcome = (NamespaceOutcome) record;
        figures.add(outcome, ageLimits);
        if (segments != null) {
            segments.computeIfAbsent(outcome.segment(), segment -> SegmentFigures.empty(definition))
                    .add(outcome, ageLimits);
        }
        for (int action = 0; action < beforeCreation.length; action++) {
            if (outcome.beforeCreation(action)) {
                beforeCreation[action]++;
            }
            if (outcome.afterAsOf(action)) {
                afterAsOf.add(action, outcome.recorded()[action]);
            }
        }
    }

    public void merge(FunnelDayAggregate other) {
        merge(other, UnaryOperator.identity());
    }

    /**
     * Merges {@code other} in, its segments under the names {@code segmentOf} gives them: a report folds each day's
     * segments into the ones it shows as it goes, so a period never holds more of them than the report does.
     */
    public void merge(FunnelDayAggregate other, UnaryOperator<String> segmentOf) {
        figures.merge(other.figures);
        for (int action = 0; action < beforeCreation.length; action++) {
            beforeCreation[action] += other.beforeCreation[action];
        }
        afterAsOf.addAll(other.afterAsOf);
        other.rejected.forEach((reason, count) -> rejected.merge(reason, count, Long::sum));
        if (segments != null && other.segments != null) {
            other.segments.forEach((segment, figures) -> segments.computeIfAbsent(segmentOf.apply(segment),
                    name -> SegmentFigures.empty(definition)).merge(figures));
        }
    }

    /** Whether a namespace of this segment would be one more than the day holds. */
    boolean isNewSegment(String segment) {
        return segments != null && !segments.containsKey(segment);
    }

    public FunnelFigures figures() {
        return figures;
    }

    /** Each segment's figures by its name; empty without a breakdown. */
    public Map<String, SegmentFigures> segments() {
        return segments == null ? Map.of() : segments;
    }

    public boolean segmented() {
        return segments != null;
    }

    public long namespaces() {
        return figures.namespaces();
    }

    public long rejectedRows() {
        return rejected.values().stream().mapToLong(Long::longValue).sum();
    }

    public DayRows rows() {
        return new DayRows(namespaces(), rejectedRows(), Map.of());
    }

    public long[] reached() {
        return figures.reached();
    }

    public DoubleHistogram[] hoursToStep() {
        return figures.hoursToStep();
    }

    public long[][] completed() {
        return figures.completed();
    }

    public long[] beforeCreation() {
        return beforeCreation;
    }

    public LateActions afterAsOf() {
        return afterAsOf;
    }

    public Map<String, Long> rejected() {
        return rejected;
    }
}
