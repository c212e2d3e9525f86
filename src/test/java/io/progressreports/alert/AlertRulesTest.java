package io.progressreports.alert;

import io.progressreports.alert.AlertRule.AgainstLimit;
import io.progressreports.alert.AlertRule.AgainstPreviousMean;
import io.progressreports.alert.AlertRule.AgainstTrailingMedian;
import io.progressreports.alert.AlertRule.Direction;
import io.progressreports.compare.Point;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class AlertRulesTest {

    private static final LocalDate START = LocalDate.of(2026, 10, 1);

    @Test
    void readsTheThreeFormsAsTheIssueWritesThem() {
        assertThat(AlertRules.parse("p50_items_per_second below 80% of the 28-day median")).isEqualTo(
                new AgainstTrailingMedian("p50_items_per_second", Direction.BELOW, 0.8, 28,
                        "p50_items_per_second below 80% of the 28-day median"));
        assertThat(AlertRules.parse("conversion to merge_request_created  5 points below the mean of the previous 4 cohorts"))
                .isEqualTo(new AgainstPreviousMean("conversion to merge_request_created", Direction.BELOW, 5, 4,
                        "conversion to merge_request_created 5 points below the mean of the previous 4 cohorts"));
        assertThat(AlertRules.parse("reject_rate above 2%")).isEqualTo(
                new AgainstLimit("reject_rate", Direction.ABOVE, 0.02, "reject_rate above 2%"));
        assertThat(AlertRules.parse("transfers below 100")).isEqualTo(
                new AgainstLimit("transfers", Direction.BELOW, 100, "transfers below 100"));
    }

    @Test
    void anythingElseNamesTheForms() {
        assertThatThrownBy(() -> AlertRules.parse("speed is bad"))
                .hasMessage("alert rule 'speed is bad' is none of " + AlertRules.FORMS);
        assertThatThrownBy(() -> AlertRules.parse("p50_items_per_second below 80% of the 0-day median"))
                .hasMessageContaining("at least 1");
    }

    @Test
    void aTrailingMedianRuleBreaksJustBelowItsLimit() {
        // 28 days at 100 items/s, median 100, so the limit is 80.
        var rule = AlertRules.parse("p50_items_per_second below 80% of the 28-day median");

        assertThat(rule.check(days(29, 100, 79.99))).hasValueSatisfying(alert -> {
            assertThat(alert.value()).isEqualTo(79.99);
            assertThat(alert.limit()).isCloseTo(80, within(1e-9));
            assertThat(alert.start()).isEqualTo(START.plusDays(28));
        });
        assertThat(rule.check(days(29, 100, 80))).isEmpty();
    }

    @Test
    void theMedianTakesOnlyTheWindowBeforeTheLatestDay() {
        // In the 28 days before the latest, 14 at 60 and 14 at 100: median 80, limit 64, and 70 is above it.
        var series = days(40, 100, 70);
        for (int day = 11; day < 25; day++) {
            series.set(day, new Point(START.plusDays(day), START.plusDays(day + 1), 60));
        }
        // Eleven older days far higher: were they counted, the median would be 100 and 70 would break the rule.
        for (int day = 0; day < 11; day++) {
            series.set(day, new Point(START.plusDays(day), START.plusDays(day + 1), 1000));
        }

        assertThat(AlertRules.parse("p50_items_per_second below 80% of the 28-day median").check(series)).isEmpty();
    }

    @Test
    void aTrailingMedianNeedsHalfItsWindow() {
        var rule = AlertRules.parse("p50_items_per_second below 80% of the 28-day median");

        assertThat(rule.check(days(14, 100, 1))).isEmpty();
        assertThat(rule.check(days(15, 100, 1))).isPresent();
    }

    @Test
    void aPreviousMeanRuleBreaksByAHair() {
        // The previous four cohorts convert 20%, 22%, 24%, 26%: mean 23%, limit 18%.
        var rule = AlertRules.parse("conversion to trial 5 points below the mean of the previous 4 cohorts");
        var series = new ArrayList<>(List.of(week(0, 0.50), week(1, 0.20), week(2, 0.22), week(3, 0.24),
                week(4, 0.26)));

        series.add(week(5, 0.1799));
        assertThat(rule.check(series)).hasValueSatisfying(alert -> assertThat(alert.limit()).isCloseTo(0.18,
                within(1e-12)));
        series.set(5, week(5, 0.1801));
        assertThat(rule.check(series)).isEmpty();
        assertThat(rule.check(series.subList(2, 6))).as("three previous cohorts are not four").isEmpty();
    }

    @Test
    void aLimitRuleBreaksAboveItsLimitOnly() {
        var rule = AlertRules.parse("reject_rate above 2%");

        assertThat(rule.check(List.of(week(0, 0.0201)))).isPresent();
        assertThat(rule.check(List.of(week(0, 0.02)))).isEmpty();
    }

    private static ArrayList<Point> days(int count, double value, double latest) {
        var series = new ArrayList<Point>();
        for (int day = 0; day < count - 1; day++) {
            series.add(new Point(START.plusDays(day), START.plusDays(day + 1), value));
        }
        series.add(new Point(START.plusDays(count - 1), START.plusDays(count), latest));
        return series;
    }

    private static Point week(int week, double value) {
        return new Point(START.plusWeeks(week), START.plusWeeks(week + 1), value);
    }
}
