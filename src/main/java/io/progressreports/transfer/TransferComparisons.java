package io.progressreports.transfer;

import io.progressreports.compare.Comparison;
import io.progressreports.compare.Comparisons;
import io.progressreports.compare.Point;
import io.progressreports.transfer.TransferReport.SpeedRow;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Transfer speeds, the latest complete period against earlier ones. Speeds have no sampling model to test
 * against, so a change counts as beyond noise when it leaves the range of the previous periods.
 */
final class TransferComparisons {

    /** A steady series leaves the range of its previous 19 values by chance one time in ten (2 / 20). */
    static final int NOISE_PERIODS = 19;

    private TransferComparisons() {
    }

    static List<Comparison> of(TransferReport report, ZoneId zone, Instant asOf) {
        List<SpeedRow> complete = report.speeds().stream().filter(row -> !row.period().partial()
                && !row.period().endInstant(zone).isAfter(asOf) && row.transfers() > 0).toList();
        var comparisons = new ArrayList<Comparison>();
        comparisons.addAll(figure("items_per_second", complete, SpeedRow::itemsPerSecond));
        comparisons.addAll(figure("p50_items_per_second", complete, SpeedRow::p50));
        comparisons.addAll(figure("p90_items_per_second", complete, SpeedRow::p90));
        return comparisons;
    }

    private static List<Comparison> figure(String name, List<SpeedRow> rows, ToDoubleFunction<SpeedRow> value) {
        return Comparisons.ofPoints(name, rows.stream().map(row -> new Point(row.period().start(),
                row.period().end(), value.applyAsDouble(row))).toList(), NOISE_PERIODS);
    }
}
