package io.progressreports.compare;

import io.progressreports.report.Cells;
import io.progressreports.report.Column;

import java.util.List;

/** comparison.csv, the same for every job. */
public final class ComparisonColumns {

    private static final int SCALE = 6;

    public static final List<Column<Comparison>> COLUMNS = List.of(
            new Column<>("figure", row -> Cells.text(row.figure())),
            new Column<>("period_start", row -> row.start().toString()),
            new Column<>("period_end", row -> row.end().toString()),
            new Column<>("value", row -> Cells.decimal(row.value(), SCALE)),
            new Column<>("baseline", row -> row.baseline()),
            new Column<>("baseline_start", row -> row.baselineStart().toString()),
            new Column<>("baseline_end", row -> row.baselineEnd().toString()),
            new Column<>("baseline_value", row -> Cells.decimal(row.baselineValue(), SCALE)),
            new Column<>("change", row -> Cells.decimal(row.change(), SCALE)),
            new Column<>("relative_change", row -> Cells.decimal(row.relativeChange(), SCALE)),
            new Column<>("beyond_noise", row -> switch (row.noise()) {
                case BEYOND -> "true";
                case WITHIN -> "false";
                case UNKNOWN -> "";
            }));

    private ComparisonColumns() {
    }
}
