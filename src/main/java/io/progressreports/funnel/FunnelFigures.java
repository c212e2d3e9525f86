package io.progressreports.funnel;

import io.progressreports.report.Percentiles;
import org.HdrHistogram.DoubleHistogram;


/**
 * The report's figures of a set of namespaces (a cohort day, a period, or one segment of them): namespaces, steps
 * reached, hours to each step, completions by age. Mergeable, so periods are sums of days. (A stored segment's are
 * {@link SegmentFigures}.)
 */
public final class FunnelFigures {

    private static final double MICROS_PER_HOUR = 3_600_000_000.0;

    private final FunnelCounts counts;
    private final DoubleHistogram[] hoursToStep;

    public FunnelFigures(long namespaces, long[] reached, DoubleHistogram[] hoursToStep, long[][] completed) {
        this(new FunnelCounts(namespaces, reached, completed), hoursToStep);
    }

    FunnelFigures(FunnelCounts counts, DoubleHistogram[] hoursToStep) {
        this.counts = counts;
        this.hoursToStep = hoursToStep;
    }

    public static FunnelFigures empty(FunnelDefinition definition) {
        var histograms = new DoubleHistogram[definition.stepCount()];
        for (int i = 0; i < histograms.length; i++) {
            histograms[i] = Percentiles.newHistogram();
        }
        return new FunnelFigures(FunnelCounts.empty(definition), histograms);
    }

    /** @param ageLimits completion ages in microseconds, in {@link FunnelDefinition#completionAges()} order */
    void add(NamespaceOutcome outcome, long[] ageLimits) {
        counts.add(outcome, ageLimits);
        for (int step = 0; step < outcome.stepsReached(); step++) {
            Percentiles.record(hoursToStep[step], outcome.microsToStep(step) / MICROS_PER_HOUR, 1);
        }
    }

    void merge(FunnelFigures other) {
        counts.merge(other.counts);
        for (int step = 0; step < hoursToStep.length; step++) {
            Percentiles.add(hoursToStep[step], other.hoursToStep[step]);
        }
    }

    public long namespaces() {
        return counts.namespaces();
    }

    public long[] reached() {
        return counts.reached();
    }

    public DoubleHistogram[] hoursToStep() {
        return hoursToStep;
    }

    public long[][] completed() {
        return counts.completed();
    }
}
