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

    private final FunnelCounts counts;
    private final double[][] hours;
    private final int[] sizes;

    /** @param hours each step's values, exactly filled */
    SegmentFigures(long namespaces, long[] reached, double[][] hours, long[][] completed) {
        this.counts = new FunnelCounts(namespaces, reached, completed);
        this.hours = hours;
        this.sizes = Arrays.stream(hours).mapToInt(values -> values.length).toArray();
    }

    static SegmentFigures empty(FunnelDefinition definition) {
        var counts = FunnelCounts.empty(definition);
        return new SegmentFigures(0, counts.reached(), new double[definition.stepCount()][0], counts.completed());
    }

    /** As {@link FunnelFigures#add}, for the same values. */
    void add(NamespaceOutcome outcome, long[] ageLimits) {
        counts.add(outcome, ageLimits);
        for (int step = 0; step < outcome.stepsReached(); step++) {
            append(step, outcome.microsToStep(step) / MICROS_PER_HOUR);
        }
    }

    private void append(int step, double value) {
        if (sizes[step] == hours[step].length) {
            hours[step] = Arrays.copyOf(hours[step], Math.max(8, 2 * sizes[step]));
        }
        hours[step][sizes[step]++] = value;
    }

    void merge(SegmentFigures other) {
        counts.merge(other.counts);
        for (int step = 0; step < hours.length; step++) {
            for (int i = 0; i < other.sizes[step]; i++) {
                append(step, other.hours[step][i]);
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
        return new FunnelFigures(counts.copy(), histograms);
    }

    public long namespaces() {
        return counts.namespaces();
    }

    long[] reached() {
        return counts.reached();
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
        return counts.completed();
    }
}
