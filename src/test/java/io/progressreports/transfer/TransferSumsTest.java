package io.progressreports.transfer;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TransferSumsTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 2);

    @Test
    void sumsAreExactAndTheSpeedIsTheSumsRatioWithinThePerTransferExtremes() {
        var sums = new TransferSums();
        sums.add(new TimingRecord.Transfer(DAY, 1_000, 2_000_000, 3));
        var other = new TransferSums();
        other.add(new TimingRecord.Transfer(DAY, 900, 1_000_000, 4));
        other.add(new TimingRecord.Transfer(DAY, 100, 1_000_000, 4));
        sums.merge(other);

        assertThat(sums.transfers()).isEqualTo(3);
        assertThat(sums.items()).isEqualTo(2_000);
        assertThat(sums.micros()).isEqualTo(4_000_000);
        assertThat(sums.itemsPerSecond()).isEqualTo(500.0);
        assertThat(sums.minSpeed()).isEqualTo(100.0);
        assertThat(sums.maxSpeed()).isEqualTo(900.0);
    }

    @Test
    void noTransfersHaveNoSpeedAndAnyTransferIsBelowTheirMinimum() {
        var none = new TransferSums();
        assertThat(none.itemsPerSecond()).isNaN();
        assertThat(none.minSpeed()).isEqualTo(Double.POSITIVE_INFINITY);

        none.merge(new TransferSums());
        assertThat(none.transfers()).isZero();
        assertThat(none.minSpeed()).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void aSumPastTheLongRangeFailsRatherThanWraps() {
        var sums = new TransferSums(1, Long.MAX_VALUE, 1, 1, 1);
        assertThatThrownBy(() -> sums.add(new TimingRecord.Transfer(DAY, 1, 1, 0)))
                .isInstanceOf(ArithmeticException.class);
    }
}
