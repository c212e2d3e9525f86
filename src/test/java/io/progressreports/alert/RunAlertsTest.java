package io.progressreports.alert;

import io.progressreports.compare.Point;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A run's rules against its figures, each form also in its other direction, a hair on both sides. */
class RunAlertsTest {

    private static final LocalDate START = LocalDate.of(2026, 10, 1);
    private static final Point RUN = new Point(START, START.plusDays(31), 0.0201);

    @Test
    void rejectRateIsTheRunsAndTheOtherFiguresTheKinds() {
        var asked = new ArrayList<String>();
        List<Alert> alerts = RunAlerts.check(List.of(AlertRules.parse("reject_rate above 2%"),
                AlertRules.parse("transfers below 100")), RUN, rule -> {
                    asked.add(rule.figure());
                    return List.of(new Point(START.plusDays(30), START.plusDays(31), 99));
                });

        assertThat(asked).containsExactly("transfers");
        assertThat(alerts).extracting(Alert::figure, Alert::value).containsExactly(
                org.assertj.core.groups.Tuple.tuple("reject_rate", 0.0201),
                org.assertj.core.groups.Tuple.tuple("transfers", 99.0));
        assertThat(RunAlerts.describe(alerts.get(0))).isEqualTo(
                "reject_rate 0.0201 in 2026-10-01 to 2026-10-31, limit 0.02 (reject_rate above 2%)");
        assertThat(RunAlerts.describe(alerts.get(1))).isEqualTo("transfers 99 on 2026-10-31, limit 100 (transfers "
                + "below 100)");
    }

    @Test
    void rejectRateTakesALimitOnly() {
        assertThatThrownBy(() -> RunAlerts.checkFigure(AlertRules.parse("reject_rate above 120% of the 7-day median"),
                rule -> { }))
                .hasMessageContaining("reject_rate is one value per run, so it takes a limit only");
    }

    @Test
    void anAboveMedianRuleBreaksJustAboveItsLimit() {
        // Seven days at 50 s: the limit is 60.
        var rule = AlertRules.parse("p90_seconds above 120% of the 7-day median");

        assertThat(rule.check(days(7, 50, 60.01))).hasValueSatisfying(alert -> assertThat(alert.limit())
                .isEqualTo(60));
        assertThat(rule.check(days(7, 50, 60))).isEmpty();
    }

    @Test
    void anAbovePointsRuleBreaksJustAboveItsLimit() {
        // The previous two periods at 10% and 12%: mean 11%, limit 14%.
        var rule = AlertRules.parse("conversion to trial 3 points above the mean of the previous 2 periods");
        var before = List.of(day(0, 0.10), day(1, 0.12));

        assertThat(rule.check(append(before, day(2, 0.1401)))).isPresent();
        assertThat(rule.check(append(before, day(2, 0.1399)))).isEmpty();
    }

    @Test
    void aBelowLimitBreaksJustBelowIt() {
        var rule = AlertRules.parse("conversion to git_write below 30%");

        assertThat(rule.check(List.of(day(0, 0.2999)))).isPresent();
        assertThat(rule.check(List.of(day(0, 0.30)))).isEmpty();
        assertThat(rule.check(List.of(day(0, Double.NaN)))).as("a period without a value breaks nothing").isEmpty();
    }

    private static List<Point> days(int before, double value, double latest) {
        var series = new ArrayList<Point>();
        for (int i = 0; i < before; i++) {
            series.add(day(i, value));
        }
        series.add(day(before, latest));
        return series;
    }

    private static Point day(int day, double value) {
        return new Point(START.plusDays(day), START.plusDays(day + 1), value);
    }

    private static List<Point> append(List<Point> series, Point latest) {
        var all = new ArrayList<>(series);
        all.add(latest);
        return all;
    }
}
