package io.progressreports.transfer;

import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;
import org.apache.commons.math3.optim.univariate.UnivariatePointValuePair;
import org.apache.commons.math3.util.KthSelector;

import java.util.Arrays;

/**
 * A transfer's duration as a line, seconds = overhead + items / rate, fitted by quantile regression at a quantile
 * tau: the line minimising the sum of tau * r over transfers above it and (1 - tau) * -r below it (r the residual,
 * seconds - line). At tau 0.5 that is least absolute deviations: robust to the long tail of slow transfers, which
 * would drag a least-squares line, and at 0.9 it is the duration that 9 in 10 transfers of that size stay within.
 * Pure.
 * <p>
 * How: for a fixed slope the best overhead is the tau-quantile of (seconds - slope * items), so the loss is a
 * function of the slope alone, convex (the partial minimum of a jointly convex function) and so unimodal, which
 * Commons Math's {@link BrentOptimizer} minimises without derivatives. It searches the slope's logarithm: the slope
 * spans orders of magnitude (a millisecond to minutes per item) and the optimiser's tolerance is then relative.
 */
public final class EtaFit {

    /** Fewer transfers than this give no fit: a line through a handful of points predicts nothing. */
    public static final int MIN_TRANSFERS = 30;

    private static final int MAX_EVALUATIONS = 500;
    /** The slope's bounds in seconds per item: a nanosecond to a day. */
    private static final double MIN_SLOPE = 1e-9;
    private static final double MAX_SLOPE = 86_400;

    /**
     * A fitted line and the spread of the transfers around it.
     *
     * @param secondsPerItem    1 / rate
     * @param residualP10Seconds the 10th percentile of seconds - line over the transfers fitted
     * @param residualP90Seconds the 90th percentile
     */
    public record Line(double tau, long transfers, double overheadSeconds, double secondsPerItem,
                       double residualP10Seconds, double residualP90Seconds) {

        public double seconds(double items) {
            return overheadSeconds + items * secondsPerItem;
        }

        public double itemsPerSecond() {
            return 1 / secondsPerItem;
        }
    }

    private EtaFit() {
    }

    /** The line at quantile tau through the points, or null with fewer than {@link #MIN_TRANSFERS} transfers. */
    public static Line fit(EtaPoints.Point[] points, double tau) {
        long n = 0;
        for (EtaPoints.Point point : points) {
            n += point.count();
        }
        if (n < MIN_TRANSFERS) {
            return null;
        }
        // One entry per transfer: the loss and the quantile are then unweighted, and a plain sort finds them.
        double[] items = new double[Math.toIntExact(n)];
        double[] seconds = new double[items.length];
        int i = 0;
        for (EtaPoints.Point point : points) {
            for (long c = 0; c < point.count(); c++, i++) {
                items[i] = point.items();
                seconds[i] = point.seconds();
            }
        }
        return fit(items, seconds, tau);
    }

    /** The line at quantile tau through (items[i], seconds[i]); at least one transfer. */
    public static Line fit(double[] items, double[] seconds, double tau) {
        var residuals = new double[items.length];
        UnivariatePointValuePair best = new BrentOptimizer(1e-5, 1e-8).optimize(new MaxEval(MAX_EVALUATIONS),
                new UnivariateObjectiveFunction(logSlope -> loss(items, seconds, StrictMath.exp(logSlope), tau,
                        residuals)),
                GoalType.MINIMIZE, new SearchInterval(StrictMath.log(MIN_SLOPE), StrictMath.log(MAX_SLOPE)));
        double slope = StrictMath.exp(best.getPoint());
        double overhead = overhead(items, seconds, slope, tau, residuals);
        for (int i = 0; i < items.length; i++) {
            residuals[i] = seconds[i] - overhead - slope * items[i];
        }
        Arrays.sort(residuals);
        return new Line(tau, items.length, overhead, slope, nearestRank(residuals, 0.1),
                nearestRank(residuals, 0.9));
    }

    /** The sum of the check function over the transfers, for the slope and its best overhead. */
    static double loss(double[] items, double[] seconds, double slope, double tau, double[] scratch) {
        double overhead = overhead(items, seconds, slope, tau, scratch);
        double sum = 0;
        for (int i = 0; i < items.length; i++) {
            double r = seconds[i] - overhead - slope * items[i];
            sum += r >= 0 ? tau * r : (tau - 1) * r;
        }
        return sum;
    }

    /**
     * The best overhead for a slope: the tau-quantile (nearest rank) of seconds - slope * items, selected in linear
     * time (Commons Math's {@link KthSelector}) rather than sorted: the optimiser asks for it some 40 times a fit.
     */
    private static double overhead(double[] items, double[] seconds, double slope, double tau, double[] scratch) {
        for (int i = 0; i < items.length; i++) {
            scratch[i] = seconds[i] - slope * items[i];
        }
        return new KthSelector().select(scratch, null, rank(scratch.length, tau));
    }

    static double nearestRank(double[] sorted, double p) {
        return sorted[rank(sorted.length, p)];
    }

    /** The index of the nearest-rank p-quantile of n sorted values. */
    private static int rank(int n, double p) {
        return Math.max(0, (int) Math.ceil(p * n) - 1);
    }
}
