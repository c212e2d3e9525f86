package io.progressreports.compare;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Whether two shares differ by more than chance would make them: the pooled two-proportion z-test, two-sided. It
 * is the test behind every A/B calculator, and cohorts of a few hundred namespaces or more are well inside its
 * normal approximation.
 */
public final class TwoProportionTest {

    /** The usual 5% level: one comparison in twenty of two periods that do not differ is flagged anyway. */
    public static final double ALPHA = 0.05;

    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

    private TwoProportionTest() {
    }

    /** The two-sided p-value; 1 where the test says nothing (an empty group, or both shares 0 or both 1). */
    public static double pValue(Share a, Share b) {
        if (a.of() == 0 || b.of() == 0) {
            return 1;
        }
        double pooled = (double) (a.count() + b.count()) / (a.of() + b.of());
        double error = Math.sqrt(pooled * (1 - pooled) * (1.0 / a.of() + 1.0 / b.of()));
        if (error == 0) {
            return 1;
        }
        double z = Math.abs(a.rate() - b.rate()) / error;
        return 2 * STANDARD_NORMAL.cumulativeProbability(-z);
    }

    public static boolean differ(Share a, Share b) {
        return pValue(a, b) < ALPHA;
    }
}
