package io.progressreports.transfer;

import io.progressreports.alert.AlertRule;
import io.progressreports.compare.Point;
import io.progressreports.report.ReportPeriod;
import io.progressreports.transfer.TransferReport.SpeedRow;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The figures a transfer-speed job's alert rules watch: the columns of transfer_speed.csv that measure transfers.
 * A trailing median is over days, whatever the report's grain, read from the stored days (those before the range
 * too, where the store has them); a fixed limit is checked against the latest complete period of the report.
 */
final class TransferAlerts {

    private static final Map<String, ToDoubleFunction<SpeedRow>> FIGURES = new LinkedHashMap<>();

    static {
        FIGURES.put("transfers", row -> row.transfers());
        FIGURES.put("items", row -> row.items());
        FIGURES.put("items_per_second", SpeedRow::itemsPerSecond);
        FIGURES.put("p50_items_per_second", SpeedRow::p50);
        FIGURES.put("p90_items_per_second", SpeedRow::p90);
        FIGURES.put("p99_items_per_second", SpeedRow::p99);
        FIGURES.put("max_items_per_second", SpeedRow::max);
    }

    private TransferAlerts() {
    }

    static void checkRule(AlertRule rule) {
        if (!FIGURES.containsKey(rule.figure())) {
            throw new IllegalArgumentException("alert rule '" + rule.text() + "': a transfer-speed job has no figure '"
                    + rule.figure() + "' (figures: " + String.join(", ", FIGURES.keySet()) + ", reject_rate)");
        }
        if (rule instanceof AlertRule.AgainstPreviousMean) {
            throw new IllegalArgumentException("alert rule '" + rule.text() + "': points compare shares (a funnel's "
                    + "conversion); for a transfer figure write e.g. '" + rule.figure()
                    + " below 80% of the 28-day median'");
        }
    }

    /**
     * The rule's series, oldest first.
     *
     * @param complete the report's complete periods (whole, ended by as-of)
     * @param latestDay the last complete day of the range
     */
    static List<Point> series(AlertRule rule, List<SpeedRow> complete, TransferDayStore store, LocalDate latestDay) {
        ToDoubleFunction<SpeedRow> figure = FIGURES.get(rule.figure());
        if (rule instanceof AlertRule.AgainstTrailingMedian median) {
            var days = new ArrayList<Point>();
            try (var stored = store.stream(latestDay.minusDays(median.days()), latestDay)) {
                stored.forEach(day -> days.add(point(new ReportPeriod(day.getKey(), day.getKey().plusDays(1), false),
                        day.getValue(), figure)));
            }
            // The rule judges the latest day: without it stored, the last one would stand in for it.
            return days.isEmpty() || !days.get(days.size() - 1).start().equals(latestDay) ? List.of() : days;
        }
        return complete.stream().map(row -> new Point(row.period().start(), row.period().end(),
                figure.applyAsDouble(row))).toList();
    }

    private static Point point(ReportPeriod day, TransferDay stored, ToDoubleFunction<SpeedRow> figure) {
        double[] speed = stored.speedPercentiles();
        var row = new SpeedRow(day, stored.transfers(), stored.items(), stored.micros(), speed[0], speed[1], speed[2],
                stored.transfers() == 0 ? Double.NaN : stored.maxSpeed(), stored.rejectedRows(), stored.untimed());
        return new Point(day.start(), day.end(), figure.applyAsDouble(row));
    }
}
