package io.progressreports.alert;

import io.progressreports.compare.Point;
import io.progressreports.report.Cells;
import io.progressreports.report.Column;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A run's rules checked against its figures once its report is built. {@code reject_rate} is every kind's: the
 * share of the range's rows rejected, as max-reject-rate judges it; the other figures are the kind's.
 */
public final class RunAlerts {

    public static final String REJECT_RATE = "reject_rate";
    /** The file a run with rules writes, with a row for each rule it broke (only the header when none). */
    public static final String FILE = "alerts.csv";

    private static final int SCALE = 6;

    /** alerts.csv. */
    public static final List<Column<Alert>> COLUMNS = List.of(
            new Column<>("figure", alert -> Cells.text(alert.figure())),
            new Column<>("rule", alert -> Cells.text(alert.rule())),
            new Column<>("period_start", alert -> alert.start().toString()),
            new Column<>("period_end", alert -> alert.end().toString()),
            new Column<>("value", alert -> Cells.decimal(alert.value(), SCALE)),
            new Column<>("limit", alert -> Cells.decimal(alert.limit(), SCALE)));

    private RunAlerts() {
    }

    /**
     * Whether a kind can check the rule: {@code reject_rate} here (one value per run, so only a fixed limit), the
     * rest by {@code kind}.
     *
     * @throws IllegalArgumentException naming the figures and forms that apply
     */
    public static void checkFigure(AlertRule rule, java.util.function.Consumer<AlertRule> kind) {
        if (!REJECT_RATE.equals(rule.figure())) {
            kind.accept(rule);
        } else if (!(rule instanceof AlertRule.AgainstLimit)) {
            throw new IllegalArgumentException("alert rule '" + rule.text() + "': reject_rate is one value per run, "
                    + "so it takes a limit only, e.g. 'reject_rate above 2%'");
        }
    }

    /**
     * @param rejectRate the run's reject rate, over its range
     * @param series     the kind's series of a rule's figure, oldest first (see {@link AlertRule})
     */
    public static List<Alert> check(List<AlertRule> rules, Point rejectRate, Function<AlertRule, List<Point>> series) {
        var alerts = new ArrayList<Alert>();
        for (AlertRule rule : rules) {
            rule.check(REJECT_RATE.equals(rule.figure()) ? List.of(rejectRate) : series.apply(rule))
                    .ifPresent(alerts::add);
        }
        return alerts;
    }

    /** One line for the log: "p50_items_per_second 61.23 on 2026-10-31, limit 80 (rule)". */
    public static String describe(Alert alert) {
        String period = alert.end().equals(alert.start().plusDays(1)) ? "on " + alert.start()
                : "in " + alert.start() + " to " + alert.end().minusDays(1);
        return alert.figure() + " " + readable(alert.value()) + " " + period + ", limit " + readable(alert.limit())
                + " (" + alert.rule() + ")";
    }

    private static String readable(double value) {
        return Double.isFinite(value) ? new BigDecimal(value).round(new MathContext(4)).stripTrailingZeros()
                .toPlainString() : Double.toString(value);
    }
}
