package io.progressreports.report;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CompactHistogramTest {

    private static final double[] PS = {0.01, 0.1, 0.5, 0.9, 0.99, 1};

    /** percentile_disc: the value of rank ceil(p * n) of the sorted values. */
    private static double exact(double[] sorted, double p) {
        return sorted[(int) Math.max(1, Math.ceil(p * sorted.length)) - 1];
    }

    @Test
    void nearestRanksAreWithinATwentiethOfAPercentOfTheExactOnes() {
        var random = new Random(16);
        for (int n : new int[] {1, 2, 3, 10, 999, 50_000}) {
            var histogram = new CompactHistogram();
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                values[i] = i % 97 == 0 ? 0 : Math.exp(random.nextGaussian() * 6);
                histogram.record(values[i]);
            }
            Arrays.sort(values);
            double[] ranks = histogram.nearestRanksWithin(values[0], values[n - 1], PS);
            for (int i = 0; i < PS.length; i++) {
                double expected = exact(values, PS[i]);
                assertThat(Math.abs(ranks[i] - expected)).as("p%s of %d values", PS[i], n)
                        .isLessThanOrEqualTo(expected * 0.0005);
            }
            assertThat(histogram.totalCount()).isEqualTo(n);
        }
    }

    @Test
    void mergedHistogramsEqualOneOfAllTheValuesAndSurviveTheirEncoding() throws IOException {
        var random = new Random(18);
        var all = new CompactHistogram();
        var merged = new CompactHistogram();
        for (int part = 0; part < 20; part++) {
            var histogram = new CompactHistogram();
            for (int i = 0; i < part * 700; i++) {
                double value = random.nextDouble() * Math.pow(10, part % 7);
                histogram.record(value);
                all.record(value);
            }
            merged.add(roundTrip(histogram));
        }
        assertThat(encoded(merged)).isEqualTo(encoded(all));
        assertThat(merged.nearestRanksWithin(0, 1e7, PS)).containsExactly(all.nearestRanksWithin(0, 1e7, PS));
    }

    @Test
    void aLoneValueIsEveryPercentileAndZeroStaysZero() {
        var histogram = new CompactHistogram();
        histogram.record(1234.5678);
        assertThat(histogram.nearestRanksWithin(1234.5678, 1234.5678, PS)).containsOnly(1234.5678);
        var zeros = new CompactHistogram();
        zeros.record(0);
        zeros.record(-0.0);
        assertThat(zeros.nearestRanksWithin(0, 0, 0.5, 1)).containsOnly(0.0);
        assertThat(new CompactHistogram().nearestRanksWithin(0, 1, 0.5)).containsOnly(Double.NaN);
    }

    @Test
    void negativeAndNonFiniteValuesAreRefused() {
        var histogram = new CompactHistogram();
        for (double value : new double[] {-1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> histogram.record(value)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(histogram.totalCount()).isZero();
    }

    private static byte[] encoded(CompactHistogram histogram) throws IOException {
        var bytes = new ByteArrayOutputStream();
        histogram.writeTo(new DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    private static CompactHistogram roundTrip(CompactHistogram histogram) throws IOException {
        return CompactHistogram.readFrom(ByteBuffer.wrap(encoded(histogram)));
    }
}
