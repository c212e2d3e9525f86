package io.progressreports.report;

import org.HdrHistogram.DoubleHistogram;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PercentilesTest {

    /** percentile_disc: the first value whose position is at least ceil(p * n). */
    private static double percentileDisc(double[] sorted, double p) {
        return sorted[(int) Math.max(1, Math.ceil(p * sorted.length)) - 1];
    }

    @Test
    void ranksLikePercentileDiscWhereRoundingTheRankWouldPickANeighbour() {
        double[] values = {1, 10, 100, 1000, 10000, 100000};
        DoubleHistogram histogram = Percentiles.newHistogram();
        Arrays.stream(values).forEach(histogram::recordValue);
        // 0.9 * 6 = 5.4: percentile_disc takes the 6th value; rounding the rank would take the 5th.
        assertThat(Percentiles.nearestRank(histogram, 0.9)).isCloseTo(100000, within(100.0));
        assertThat(Percentiles.nearestRank(histogram, 0.5)).isCloseTo(100, within(0.1));
    }

    @Test
    void staysWithinATenthOfAPercentOfTheExactValue() {
        var random = new Random(7);
        double[] values = new double[10_001];
        DoubleHistogram histogram = Percentiles.newHistogram();
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.exp(random.nextGaussian() * 3);
            histogram.recordValue(values[i]);
        }
        Arrays.sort(values);
        for (double p : new double[] {0.01, 0.5, 0.9, 0.99, 1.0}) {
            double exact = percentileDisc(values, p);
            assertThat(Percentiles.nearestRank(histogram, p)).isCloseTo(exact, within(exact * 0.001));
        }
    }

    @Test
    void zeroIsAValueAndAnEmptyHistogramHasNone() {
        DoubleHistogram histogram = Percentiles.newHistogram();
        assertThat(Percentiles.nearestRank(histogram, 0.5)).isNaN();
        histogram.recordValue(0.0);
        histogram.recordValue(0.0);
        histogram.recordValue(5.0);
        assertThat(Percentiles.nearestRank(histogram, 0.5)).isCloseTo(0.0, within(1e-9));
    }

    @Test
    void survivesTheStoreRoundTrip() {
        DoubleHistogram a = Percentiles.newHistogram();
        DoubleHistogram b = Percentiles.newHistogram();
        a.recordValue(0.5);
        b.recordValue(700.0);
        DoubleHistogram[] decoded = HistogramCodec.decode(HistogramCodec.encode(new DoubleHistogram[] {a, b}));
        assertThat(decoded).hasSize(2);
        assertThat(decoded[0]).isEqualTo(a);
        assertThat(decoded[1].getTotalCount()).isEqualTo(1);
        assertThat(Percentiles.nearestRank(decoded[1], 0.5)).isCloseTo(700.0, within(0.7));
    }

    @Test
    void valuesTooFarApartForOneHistogramAreCountedAtTheNearestRecordedExtreme() {
        DoubleHistogram histogram = Percentiles.newHistogram();
        Percentiles.record(histogram, 2.1e15, 1);
        Percentiles.record(histogram, 1e-11, 1);
        Percentiles.record(histogram, 3.0, 2);

        assertThat(histogram.getTotalCount()).isEqualTo(4);
        assertThat(Percentiles.nearestRank(histogram, 1.0)).isCloseTo(2.1e15, within(2.1e12));
        assertThat(Percentiles.nearestRank(histogram, 0.5)).isCloseTo(3.0, within(0.003));
    }

    @Test
    void mergingDaysWhoseValuesAreTooFarApartKeepsEveryCount() {
        DoubleHistogram slow = Percentiles.newHistogram();
        DoubleHistogram fast = Percentiles.newHistogram();
        Percentiles.record(slow, 1.6e-11, 3);
        Percentiles.record(fast, 2.1e15, 5);

        Percentiles.add(slow, fast);

        assertThat(slow.getTotalCount()).isEqualTo(8);
    }

    /**
     * add records the largest value early so that the histogram grows once; the result must be the histogram that
     * recording every value in ascending order gives, bucket mapping, size and all (the reports' bytes depend on it).
     */
    @Test
    void mergingLargestFirstGivesTheSameHistogramAsAscendingOrder() {
        for (int trial = 0; trial < 300; trial++) {
            DoubleHistogram into = randomHistogram(new Random(trial));
            DoubleHistogram ascending = randomHistogram(new Random(trial));
            DoubleHistogram from = randomHistogram(new Random(-1 - trial));
            for (var value : from.recordedValues()) {
                Percentiles.record(ascending, value.getValueIteratedTo(), value.getCountAtValueIteratedTo());
            }

            Percentiles.add(into, from);

            assertThat(encoded(into)).as("trial %d", trial).isEqualTo(encoded(ascending));
            assertThat(Percentiles.nearestRanks(into, 0.5, 0.9, 0.99)).containsExactly(
                    Percentiles.nearestRank(ascending, 0.5), Percentiles.nearestRank(ascending, 0.9),
                    Percentiles.nearestRank(ascending, 0.99));
        }
    }

    /**
     * Empty, or values over up to 7 decimal orders of magnitude from somewhere between 1e-3 and 1e3, some zeros: two
     * of them span up to 1e13, on both sides of the 2^40 up to which add takes the largest value early.
     */
    private static DoubleHistogram randomHistogram(Random random) {
        DoubleHistogram histogram = Percentiles.newHistogram();
        int count = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(3000);
        double low = Math.pow(10, -3 + 6 * random.nextDouble());
        double orders = 7 * random.nextDouble();
        for (int i = 0; i < count; i++) {
            double value = random.nextInt(50) == 0 ? 0 : low * Math.pow(10, orders * random.nextDouble());
            Percentiles.record(histogram, value, 1 + random.nextInt(3));
        }
        return histogram;
    }

    private static byte[] encoded(DoubleHistogram histogram) {
        var buffer = java.nio.ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        histogram.encodeIntoByteBuffer(buffer);
        return Arrays.copyOf(buffer.array(), buffer.position());
    }
}
