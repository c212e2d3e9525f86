package io.progressreports.transfer;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EtaFitTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 2);

    /**
     * Transfers of 2 s + items / 150 items/s, times a noise factor whose median is 1 (so the median line is the
     * planted one), sizes log-uniform from 1 to 60,000 items, through the stored buckets: the median fit recovers
     * both within 2%, and the p90 line lies above it by the noise's own 90th percentile.
     */
    @Test
    void theMedianFitRecoversAPlantedOverheadAndRate() {
        var random = new Random(7);
        var points = new EtaPoints();
        for (int i = 0; i < 20_000; i++) {
            long items = Math.round(Math.exp(random.nextDouble() * Math.log(60_000)));
            double noise = Math.exp(0.3 * random.nextGaussian());
            double seconds = (2 + items / 150.0) * noise;
            points.add(new TimingRecord.Transfer(DAY, items, Math.round(seconds * 1e6), random.nextInt(24)));
        }

        EtaFit.Line median = EtaFit.fit(points.all(), 0.5);
        EtaFit.Line p90 = EtaFit.fit(points.all(), 0.9);

        assertThat(median.transfers()).isEqualTo(20_000);
        assertThat(median.overheadSeconds()).isCloseTo(2, within(2 * 0.02));
        assertThat(median.itemsPerSecond()).isCloseTo(150, within(150 * 0.02));
        // exp(0.3 * 1.2816) = 1.469: both parameters scale with the noise's 90th percentile.
        assertThat(p90.overheadSeconds()).isCloseTo(2 * 1.469, within(2 * 1.469 * 0.05));
        assertThat(p90.itemsPerSecond()).isCloseTo(150 / 1.469, within(150 / 1.469 * 0.05));
        assertThat(median.residualP10Seconds()).isNegative();
        assertThat(median.residualP90Seconds()).isPositive();
    }

    /**
     * An independent computation: some optimal quantile-regression line passes through two of the points (the
     * problem is a linear programme with two free parameters), so the least loss over the lines through every pair
     * is the optimum (or a level line through one point, where the best slope would be negative and the fit's stops
     * at its least). The fit's loss equals it, and its line is that one, on small sets with outliers.
     */
    @Test
    void theFitIsTheBestLineThroughPairsOfPoints() {
        for (long seed = 1; seed <= 20; seed++) {
            var random = new Random(seed);
            int n = 15 + random.nextInt(30);
            double[] items = new double[n];
            double[] seconds = new double[n];
            for (int i = 0; i < n; i++) {
                items[i] = 1 + random.nextInt(5000);
                seconds[i] = 0.5 + items[i] / 120 + Math.abs(random.nextGaussian()) * (i % 7 == 0 ? 60 : 3);
            }
            for (double tau : new double[] {0.5, 0.9}) {
                double best = Double.POSITIVE_INFINITY;
                double bestSlope = Double.NaN;
                double bestOverhead = Double.NaN;
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        if (items[j] < items[i]) {
                            continue;
                        }
                        // j = i: the level line through a point, the optimum when the best slope would be
                        // negative (the fit's slope is a positive number of seconds per item).
                        double slope = j == i ? 0 : (seconds[j] - seconds[i]) / (items[j] - items[i]);
                        if (slope < 0 || items[j] == items[i] && j != i) {
                            continue;
                        }
                        double overhead = seconds[i] - slope * items[i];
                        double loss = loss(items, seconds, overhead, slope, tau);
                        if (loss < best) {
                            best = loss;
                            bestSlope = slope;
                            bestOverhead = overhead;
                        }
                    }
                }
                EtaFit.Line line = EtaFit.fit(items, seconds, tau);
                double fitted = loss(items, seconds, line.overheadSeconds(), line.secondsPerItem(), tau);
                assertThat(fitted).as("seed %d tau %s loss", seed, tau)
                        .isCloseTo(best, within(best * 1e-4));
                assertThat(line.secondsPerItem()).as("seed %d tau %s slope", seed, tau)
                        .isCloseTo(bestSlope, within(bestSlope * 1e-3 + 1e-8));
                assertThat(line.overheadSeconds()).as("seed %d tau %s overhead", seed, tau)
                        .isCloseTo(bestOverhead, within(Math.abs(bestOverhead) * 1e-3 + 1e-3));
            }
        }
    }

    @Test
    void tooFewTransfersGiveNoFit() {
        var points = new EtaPoints();
        for (int i = 0; i < EtaFit.MIN_TRANSFERS - 1; i++) {
            points.add(new TimingRecord.Transfer(DAY, 100 + i, 1_000_000 + i, 3));
        }
        assertThat(EtaFit.fit(points.all(), 0.5)).isNull();
        points.add(new TimingRecord.Transfer(DAY, 5, 1_000_000, 3));
        assertThat(EtaFit.fit(points.hour(3), 0.5)).isNotNull();
        assertThat(EtaFit.fit(points.hour(4), 0.5)).isNull();
    }

    private static double loss(double[] items, double[] seconds, double overhead, double slope, double tau) {
        double sum = 0;
        for (int i = 0; i < items.length; i++) {
            double r = seconds[i] - overhead - slope * items[i];
            sum += r >= 0 ? tau * r : (tau - 1) * r;
        }
        return sum;
    }
}
