package io.progressreports.funnel;

import org.HdrHistogram.DoubleHistogram;
import org.HdrHistogram.DoubleHistogramIterationValue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * time_to_step.png's curves: for each step after {@code created}, of the mature cohorts' namespaces that reached
 * it, the share that had reached it within each time since signup, from a minute up to the window. Read from the
 * hours-to-step histograms the store keeps per cohort day, so within their 0.1% precision.
 */
final class TimeToStep {

    /** Ten points a decade: a smooth curve on a log axis. */
    private static final int POINTS_PER_DECADE = 10;
    private static final double FIRST_SECONDS = 60;

    /**
     * One point of a step's curve.
     *
     * @param reached the namespaces of the mature cohorts that reached the step, all of the curve's 100%
     */
    record Point(int stepNumber, String step, double seconds, double share, long reached) {
    }

    private TimeToStep() {
    }

    /**
     * @param steps every step's name, step 1 first
     * @param hours every step's hours to step, as {@link FunnelReport#matureHoursToStep()}
     * @return the curves of the steps after the first that some namespace reached, each ascending in seconds
     */
    static List<Point> curves(List<String> steps, List<DoubleHistogram> hours, Duration window) {
        List<Double> grid = grid(window.toSeconds());
        List<Point> points = new ArrayList<>();
        for (int step = 1; step < steps.size(); step++) {
            DoubleHistogram histogram = hours.get(step);
            long total = histogram.getTotalCount();
            if (total == 0) {
                continue;
            }
            List<double[]> recorded = new ArrayList<>();
            for (DoubleHistogramIterationValue value : histogram.recordedValues()) {
                recorded.add(new double[] {value.getValueIteratedTo() * 3_600, value.getCountAtValueIteratedTo()});
            }
            int next = 0;
            long within = 0;
            for (double seconds : grid) {
                while (next < recorded.size() && recorded.get(next)[0] <= seconds) {
                    within += (long) recorded.get(next++)[1];
                }
                // Every namespace counted reached the step within the window; a bucket's top may lie just past it.
                if (seconds == grid.get(grid.size() - 1)) {
                    within = total;
                }
                points.add(new Point(step + 1, steps.get(step), seconds, (double) within / total, total));
            }
        }
        return points;
    }

    /** A minute, then ten points a decade, then the window itself (the last point, where every curve is 100%). */
    static List<Double> grid(double windowSeconds) {
        List<Double> grid = new ArrayList<>();
        for (int i = 0; ; i++) {
            double seconds = FIRST_SECONDS * Math.pow(10, (double) i / POINTS_PER_DECADE);
            if (seconds >= windowSeconds) {
                break;
            }
            grid.add(seconds);
        }
        grid.add(windowSeconds);
        return grid;
    }
}
