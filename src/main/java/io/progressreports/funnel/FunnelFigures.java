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

    private long namespaces;
    private final long[] reached;
    private final DoubleHistogram[] hoursToStep;
    private final long[][] completed;

    public FunnelFigures(long namespaces, long[] reached, DoubleHistogram[] hoursToStep, long[][] completed) {
        this.namespaces = namespaces;
        this.reached = reached;
        this.hoursToStep = hoursToStep;
        this.completed = completed;
    }

    public static FunnelFigures empty(FunnelDefinition definition) {
        var histograms = new DoubleHistogram[definition.stepCount()];
        for (int i = 0; i < histograms.length; i++) {
            histograms[i] = Percentiles.newHistogram();
        }
        return new FunnelFigures(0, new long[definition.stepCount()], histograms,
                new long[definition.actions().size()][definition.completionAges().size()]);
    }

    /** @param ageLimits completion ages in microseconds, in {@link FunnelDefinition#completionAges()} order */
    void add(NamespaceOutcome outcome, long[] ageLimits) {
        namespaces++;
        for (int step = 0; step < outcome.stepsReached(); step++) {
            reached[step]++;
            Percentiles.record(hoursToStep[step], outcome.microsToStep(step) / MICROS_PER_HOUR, 1);
        }
        for (int action = 0; action < completed.length; action++) {
            long delay = outcome.completionDelay()[action];
            if (delay == OnboardingRow.NONE) {
                continue;
            }
            for (int age = 0; age < ageLimits.length; age++) {
                if (delay <= ageLimits[age]) {
                    completed[action][age]++;
                }
            }
        }
    }

    void merge(FunnelFigures other) {
        namespaces += other.namespaces;
        for (int step = 0; step < reached.length; step++) {
            reached[step] += other.reached[step];
            Percentiles.add(hoursToStep[step], other.hoursToStep[step]);
        }
        for (int action = 0; action < completed.length; action++) {
            for (int age = 0; age < completed[action].length; age++) {
                completed[action][age] += other.completed[action][age];
            }
        }
    }

    public long namespaces() {
        return namespaces;
    }

    public long[] reached() {
        return reached;
    }

    public DoubleHistogram[] hoursToStep() {
        return hoursToStep;
    }

    public long[][] completed() {
        return completed;
    }
}
