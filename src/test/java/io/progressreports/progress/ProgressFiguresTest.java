package io.progressreports.progress;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ProgressFiguresTest {

    @Test
    void rateIsRowsReadOverTimeElapsed() {
        assertThat(new ProgressFigures(412_000, 1_000_000, Duration.ofMillis(3_500)).rowsPerSecond())
                .isCloseTo(117_714.3, within(0.1));
    }

    @Test
    void etaIsTheRowsLeftAtTheRateSoFar() {
        var figures = new ProgressFigures(400_000, 1_000_000, Duration.ofSeconds(4));
        assertThat(figures.eta()).contains(Duration.ofSeconds(6));
        assertThat(figures.percent()).isEqualTo(40);
    }

    @Test
    void theLogLineCarriesEveryFigure() {
        assertThat(new ProgressFigures(412_000, 1_000_000, Duration.ofMillis(3_500)).line("onboarding-funnel"))
                .isEqualTo("onboarding-funnel: 412,000 of ~1,000,000 rows (41%), 117,714 rows/s, ETA 5 s");
    }

    @Test
    void beforeAnyTimeHasPassedThereIsNoRateAndNoEta() {
        var figures = new ProgressFigures(0, 1_000, Duration.ZERO);
        assertThat(figures.rowsPerSecond()).isZero();
        assertThat(figures.eta()).isEmpty();
        assertThat(figures.line("j")).isEqualTo("j: 0 of ~1,000 rows (0%), 0 rows/s, ETA unknown");
    }

    @Test
    void pastAnEstimateThatWasTooLowThereIsNoEtaAndPercentStopsAt100() {
        var figures = new ProgressFigures(1_500, 1_000, Duration.ofSeconds(1));
        assertThat(figures.percent()).isEqualTo(100);
        assertThat(figures.eta()).isEmpty();
        assertThat(figures.line("j")).endsWith("(100%), 1,500 rows/s, past the estimate");
    }

    @Test
    void anEstimateOfNothingIsDoneFromTheStart() {
        var figures = new ProgressFigures(0, 0, Duration.ofSeconds(1));
        assertThat(figures.percent()).isEqualTo(100);
        assertThat(figures.eta()).isEmpty();
    }

    @Test
    void theSummaryGivesTheRowsReadBesideTheEstimate() {
        assertThat(new ProgressFigures(20_123, 19_800, Duration.ofMillis(1_250)).summary("transfer-speed"))
                .isEqualTo("transfer-speed: read 20,123 rows (estimate ~19,800) in 1.3 s, 16,098 rows/s");
    }

    @Test
    void durationsReadAsAPersonWouldSayThem() {
        assertThat(ProgressFigures.readable(Duration.ofMillis(200))).isEqualTo("1 s");
        assertThat(ProgressFigures.readable(Duration.ofSeconds(59))).isEqualTo("59 s");
        assertThat(ProgressFigures.readable(Duration.ofSeconds(200))).isEqualTo("3 min 20 s");
        assertThat(ProgressFigures.readable(Duration.ofMinutes(125))).isEqualTo("2 h 05 min");
    }
}
