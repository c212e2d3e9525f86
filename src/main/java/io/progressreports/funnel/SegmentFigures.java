package io.progressreports.funnel;

import io.progressreports.report.Percentiles;
import org.HdrHistogram.DoubleHistogram;

import java.util.Arrays;

/**
 * One segment's figures of a cohort day or a period: as {@link FunnelFigures}, but with the hours to each step kept
 * as the values themselves rather than as histograms. A segment holds a few of a day's namespaces, and a day may
 * hold up to 200 segments: a histogram per segment and step costs about 190 KB however few values it holds, and a
 * packed one made a nightly run several times slower. The values are few (one per namespace and step reached),
 * merge by appending, and become a histogram only when a report row is made of them.
 */
public final class SegmentFigures {

    private static final double MICROS_PER_HOUR = 3_600_000_000.0;

    private long namespaces;
    private final long[] reached;
    private final double[][] hours;
    private final int[] sizes;
    private final long[][] completed;

    /** @param hours each step's values, exactly filled */
    SegmentFigures(long namespaces, long[] reached, double[][] hours, long[][] completed) {
        this.namespaces = namespaces;
        this.reached = reached;
        this.hours = hours;
        this.sizes = Arrays.stream(hours).mapToInt(values -> values.length).toArray();
        this.completed = completed;
    }

    static SegmentFigures empty(FunnelDefinition definition) {
        return new SegmentFigures(0, new long[definition.stepCount()], new double[definition.stepCount()][0],
                new long[definition.actions().size()][definition.completionAges().size()]);
    }

    /** As {@link FunnelFigures#add}, for the same values. */
    void add(NamespaceOutcome outcome, long[] ageLimits) {
        namespaces++;
        for (int step = 0; step < outcome.stepsReached(); step++) {
            reached[step]++;
            append(step, outcome.microsToStep(step) / MICROS_PER_HOUR);
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

    private void append(int step, double value) {
        if (sizes[step] == hours[step].length) {
            hours[step] = Arrays.copyOf(hours[step], Math.max(8, 2 * sizes[step]));
        }
        hours[step][sizes[step]++] = value;
    }

    void merge(SegmentFigures other) {
        namespaces += other.namespaces;
        for (int step = 0; step < reached.length; step++) {
            reached[step] += other.reached[step];
            for (int i = 0; i < other.sizes[step]; i++) {
                append(step, other.hours[step][i]);
            }
        }
        for (int action = 0; action < completed.length; action++) {
            for (int age = 0; age < completed[action].length; age++) {
                completed[action][age] += other.completed[action][age];
            }
        }
    }

    /** The report's figures: each step's values recorded into a histogram as a day's are. */
    FunnelFigures figures() {
        var histograms = new DoubleHistogram[hours.length];
        for (int step = 0; step < hours.length; step++) {
            histograms[step] = Percentiles.newHistogram();
            for (int i = 0; i < sizes[step]; i++) {
                Percentiles.record(histograms[step], hours[step][i], 1);
            }
        }
        return new FunnelFigures(namespaces, reached.clone(), histograms,
                Arrays.stream(completed).map(long[]::clone).toArray(long[][]::new));
    }

    public long namespaces() {
        return namespaces;
    }

    long[] reached() {
        return reached;
    }

    /** Each step's values, exactly filled. */
    double[][] hours() {
        var exact = new double[hours.length][];
        for (int step = 0; step < hours.length; step++) {
            exact[step] = Arrays.copyOf(hours[step], sizes[step]);
        }
        return exact;
    }

    long[][] completed() {
        return completed;
    }
}
