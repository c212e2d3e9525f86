package io.progressreports.compare;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ComparisonsTest {

    private static final LocalDate MONDAY = LocalDate.of(2026, 11, 2);

    @Test
    void theTwoProportionTestAgreesWithTheTextbookFigure() {
        // 20% of 1000 against 24% of 1000: pooled 22%, z = 0.04 / sqrt(0.22 * 0.78 * 2 / 1000) = 2.159.
        double p = TwoProportionTest.pValue(share(0, 200, 1000), share(1, 240, 1000));

        assertThat(p).isCloseTo(0.03085, within(0.00005));
    }

    @Test
    void aShareJustOverTheLineDiffersAndOneJustUnderDoesNot() {
        // 10.0% against 12.8% of 1000 namespaces: p = 0.0488; against 12.7%: p = 0.0570.
        assertThat(TwoProportionTest.differ(share(0, 100, 1000), share(1, 128, 1000))).isTrue();
        assertThat(TwoProportionTest.differ(share(0, 100, 1000), share(1, 127, 1000))).isFalse();
    }

    @Test
    void emptyOrCertainGroupsSayNothing() {
        assertThat(TwoProportionTest.pValue(share(0, 0, 0), share(1, 5, 10))).isEqualTo(1);
        assertThat(TwoProportionTest.pValue(share(0, 10, 10), share(1, 20, 20))).isEqualTo(1);
        assertThat(TwoProportionTest.pValue(share(0, 0, 10), share(1, 0, 20))).isEqualTo(1);
    }

    @Test
    void weeklySharesAreComparedWithTheWeekBeforeAndFourWeeksBefore() {
        var weeks = new ArrayList<Share>();
        for (int week = 0; week < 6; week++) {
            weeks.add(new Share(MONDAY.plusWeeks(week), MONDAY.plusWeeks(week + 1), week == 1 ? 100 : 104, 1000));
        }
        weeks.set(5, new Share(MONDAY.plusWeeks(5), MONDAY.plusWeeks(6), 128, 1000));

        List<Comparison> comparisons = Comparisons.ofShares("conversion_from_start:trial", weeks);

        assertThat(comparisons).extracting(Comparison::baseline, Comparison::baselineStart)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("previous", MONDAY.plusWeeks(4)),
                        org.assertj.core.groups.Tuple.tuple("four_weeks_earlier", MONDAY.plusWeeks(1)));
        Comparison previous = comparisons.get(0);
        assertThat(previous.value()).isEqualTo(0.128);
        assertThat(previous.baselineValue()).isEqualTo(0.104);
        assertThat(previous.change()).isCloseTo(0.024, within(1e-12));
        assertThat(previous.relativeChange()).isCloseTo(0.024 / 0.104, within(1e-12));
        // 12.8% against 10.4% (p = 0.09) is noise; against 10.0% four weeks earlier (p = 0.049) it is not.
        assertThat(previous.noise()).isEqualTo(Comparison.Noise.WITHIN);
        assertThat(comparisons.get(1).noise()).isEqualTo(Comparison.Noise.BEYOND);
    }

    @Test
    void aSeriesTooShortForFourWeeksHasOnlyThePreviousPeriod() {
        var days = List.of(new Point(MONDAY, MONDAY.plusDays(1), 10), new Point(MONDAY.plusDays(1),
                MONDAY.plusDays(2), 12));

        assertThat(Comparisons.ofPoints("p50_items_per_second", days, 4)).extracting(Comparison::baseline)
                .containsExactly("previous");
        assertThat(Comparisons.ofPoints("p50_items_per_second", days.subList(0, 1), 4)).isEmpty();
    }

    @Test
    void aFigureIsBeyondNoiseOnlyOutsideTheRangeOfThePreviousPeriods() {
        // The four days before the latest range from 90 to 110.
        var values = new ArrayList<>(List.of(100.0, 90.0, 110.0, 95.0, 105.0));
        assertThat(latestBeyondNoise(values, 89.99)).isTrue();
        assertThat(latestBeyondNoise(values, 90.0)).isFalse();
        assertThat(latestBeyondNoise(values, 110.0)).isFalse();
        assertThat(latestBeyondNoise(values, 110.01)).isTrue();
    }

    @Test
    void withFewerPeriodsThanTheRuleNeedsNoiseIsUnknown() {
        assertThat(noise(new ArrayList<>(List.of(100.0, 101.0)), 1.0)).isEqualTo(Comparison.Noise.UNKNOWN);
    }

    @Test
    void aMonthHasNoFourWeeksEarlierBaselineNotEvenFebruaryBeforeMarch() {
        var months = List.of(new Point(LocalDate.of(2027, 1, 1), LocalDate.of(2027, 2, 1), 10),
                new Point(LocalDate.of(2027, 2, 1), LocalDate.of(2027, 3, 1), 11),
                new Point(LocalDate.of(2027, 3, 1), LocalDate.of(2027, 4, 1), 12));

        assertThat(Comparisons.ofPoints("x", months, 1)).extracting(Comparison::baseline).containsExactly("previous");
    }

    @Test
    void aZeroBaselineHasNoRelativeChange() {
        var days = List.of(new Point(MONDAY, MONDAY.plusDays(1), 0), new Point(MONDAY.plusDays(1),
                MONDAY.plusDays(2), 3));

        assertThat(Comparisons.ofPoints("x", days, 1).get(0).relativeChange()).isNaN();
    }

    private static boolean latestBeyondNoise(List<Double> before, double latest) {
        return noise(before, latest) == Comparison.Noise.BEYOND;
    }

    private static Comparison.Noise noise(List<Double> before, double latest) {
        var points = new ArrayList<Point>();
        for (int i = 0; i < before.size(); i++) {
            points.add(new Point(MONDAY.plusDays(i), MONDAY.plusDays(i + 1), before.get(i)));
        }
        points.add(new Point(MONDAY.plusDays(before.size()), MONDAY.plusDays(before.size() + 1), latest));
        // The first value (100) is five days back: only the four before the latest count.
        return Comparisons.ofPoints("p50_items_per_second", points, 4).get(0).noise();
    }

    private static Share share(int week, long count, long of) {
        return new Share(MONDAY.plusWeeks(week), MONDAY.plusWeeks(week + 1), count, of);
    }
}
