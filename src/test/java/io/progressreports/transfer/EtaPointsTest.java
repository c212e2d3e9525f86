package io.progressreports.transfer;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EtaPointsTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 2);

    private static EtaPoints of(long seed, int n) {
        var random = new Random(seed);
        var points = new EtaPoints();
        for (int i = 0; i < n; i++) {
            long items = i % 40 == 0 ? 0 : (long) Math.exp(random.nextGaussian() * 2 + 6);
            points.add(new TimingRecord.Transfer(DAY, items, 1 + (long) (random.nextDouble() * 9e8),
                    random.nextInt(24)));
        }
        return points;
    }

    @Test
    void storedPointsDecodeToWhatWasStoredAndMerge() {
        EtaPoints monday = of(1, 700);
        EtaPoints tuesday = of(2, 300);
        assertThat(EtaPoints.decode(monday.encode())).isEqualTo(monday);

        EtaPoints window = monday.copy();
        window.merge(EtaPoints.decode(tuesday.encode()));
        long count = 0;
        for (EtaPoints.Point point : window.all()) {
            count += point.count();
        }
        assertThat(count).isEqualTo(1000);
    }

    /** A point is its bucket's middle: within half a bucket (0.5%) of the transfer's own items and seconds. */
    @Test
    void pointsAreWithinHalfABucketOfTheirTransfers() {
        var random = new Random(3);
        for (int i = 0; i < 1000; i++) {
            long items = 1 + (long) Math.exp(random.nextDouble() * 20);
            long micros = 1 + (long) Math.exp(random.nextDouble() * 25);
            var points = new EtaPoints();
            points.add(new TimingRecord.Transfer(DAY, items, micros, 5));
            EtaPoints.Point point = EtaPoints.decode(points.encode()).hour(5)[0];
            assertThat(point.items()).isCloseTo(items, within(items * EtaPoints.WIDTH / 2));
            assertThat(point.seconds()).isCloseTo(micros / 1e6, within(micros / 1e6 * EtaPoints.WIDTH / 2));
            assertThat(point.hour()).isEqualTo(5);
        }
    }
}
