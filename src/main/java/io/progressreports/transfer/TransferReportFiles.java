package io.progressreports.transfer;

import io.progressreports.compare.ComparisonColumns;
import io.progressreports.report.Cells;
import io.progressreports.report.ChartFiles;
import io.progressreports.report.Column;
import io.progressreports.report.CsvFiles;
import io.progressreports.source.Micros;
import io.progressreports.transfer.TransferReport.CellRow;
import io.progressreports.transfer.TransferReport.DurationRow;
import io.progressreports.transfer.TransferReport.FitRow;
import io.progressreports.transfer.TransferReport.SpeedRow;
import io.progressreports.transfer.TransferReport.OutcomeRow;
import io.progressreports.transfer.TransferReport.RestRow;
import io.progressreports.transfer.TransferReport.StatusRow;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/** Writes the transfer-speed report's CSVs and charts into a folder. The columns are a contract: design.md. */
final class TransferReportFiles {

    static final int SPEED_SCALE = 3;
    private static final int SECONDS_SCALE = 6;
    private static final int RATE_SCALE = 4;

    static final List<Column<SpeedRow>> SPEED = List.of(
            new Column<>("period_start", row -> row.period().start().toString()),
            new Column<>("period_end", row -> row.period().end().toString()),
            new Column<>("transfers", row -> Long.toString(row.transfers())),
            new Column<>("items", row -> Long.toString(row.items())),
            new Column<>("seconds", row -> seconds(row.micros())),
            new Column<>("items_per_second", row -> Cells.decimal(row.itemsPerSecond(), SPEED_SCALE)),
            new Column<>("p50_items_per_second", row -> Cells.decimal(row.p50(), SPEED_SCALE)),
            new Column<>("p90_items_per_second", row -> Cells.decimal(row.p90(), SPEED_SCALE)),
            new Column<>("p99_items_per_second", row -> Cells.decimal(row.p99(), SPEED_SCALE)),
            new Column<>("max_items_per_second", row -> Cells.decimal(row.max(), SPEED_SCALE)),
            new Column<>("rejected", row -> Long.toString(row.rejected())),
            new Column<>("untimed", row -> Long.toString(row.untimed())),
            new Column<>("partial", row -> Boolean.toString(row.period().partial())));
    static final List<Column<DurationRow>> DURATION = List.of(
            new Column<>("period_start", row -> row.period().start().toString()),
            new Column<>("period_end", row -> row.period().end().toString()),
            new Column<>("step", row -> Cells.text(row.step())),
            new Column<>("steps", row -> Long.toString(row.steps())),
            new Column<>("total_seconds", row -> seconds(row.micros())),
            new Column<>("p50_seconds", row -> Cells.decimal(row.p50(), SECONDS_SCALE)),
            new Column<>("p90_seconds", row -> Cells.decimal(row.p90(), SECONDS_SCALE)),
            new Column<>("p99_seconds", row -> Cells.decimal(row.p99(), SECONDS_SCALE)),
            new Column<>("max_seconds", row -> seconds(row.maxMicros())),
            new Column<>("partial", row -> Boolean.toString(row.period().partial())));
    static final List<Column<CellRow>> BY_SIZE = cellColumns(
            new Column<>("min_items", row -> Long.toString(SizeBuckets.minItems(row.key()))),
            new Column<>("max_items", row -> Long.toString(SizeBuckets.maxItems(row.key()))));
    static final List<Column<CellRow>> BY_HOUR = cellColumns(
            new Column<>("hour", row -> Integer.toString(row.key())));
    static final List<Column<CellRow>> BY_SIZE_AND_HOUR = cellColumns(
            new Column<>("min_items", row -> Long.toString(SizeBuckets.minItems(row.key() / TransferCells.HOURS))),
            new Column<>("max_items", row -> Long.toString(SizeBuckets.maxItems(row.key() / TransferCells.HOURS))),
            new Column<>("hour", row -> Integer.toString(row.key() % TransferCells.HOURS)));
    static final List<Column<FitRow>> FIT = List.of(
            new Column<>("period_start", row -> row.period().start().toString()),
            new Column<>("period_end", row -> row.period().end().toString()),
            new Column<>("transfers", row -> Long.toString(row.transfers())),
            new Column<>("p50_overhead_seconds", row -> line(row.p50(), EtaFit.Line::overheadSeconds, SECONDS_SCALE)),
            new Column<>("p50_items_per_second", row -> line(row.p50(), EtaFit.Line::itemsPerSecond, SPEED_SCALE)),
            new Column<>("p50_residual_p10_seconds",
                    row -> line(row.p50(), EtaFit.Line::residualP10Seconds, SECONDS_SCALE)),
            new Column<>("p50_residual_p90_seconds",
                    row -> line(row.p50(), EtaFit.Line::residualP90Seconds, SECONDS_SCALE)),
            new Column<>("p90_overhead_seconds", row -> line(row.p90(), EtaFit.Line::overheadSeconds, SECONDS_SCALE)),
            new Column<>("p90_items_per_second", row -> line(row.p90(), EtaFit.Line::itemsPerSecond, SPEED_SCALE)),
            new Column<>("partial", row -> Boolean.toString(row.period().partial())));
    static final List<Column<EtaBacktest.Row>> BACKTEST = List.of(
            new Column<>("day", row -> row.day().toString()),
            new Column<>("transfers", row -> Long.toString(row.transfers())),
            new Column<>("window_days", row -> Integer.toString(row.windowDays())),
            new Column<>("window_transfers", row -> Long.toString(row.windowTransfers())),
            new Column<>("naive_items_per_second", row -> Cells.decimal(row.naiveItemsPerSecond(), SPEED_SCALE)),
            new Column<>("model_median_error", row -> Cells.decimal(row.modelMedianError(), RATE_SCALE)),
            new Column<>("model_p90_error", row -> Cells.decimal(row.modelP90Error(), RATE_SCALE)),
            new Column<>("naive_median_error", row -> Cells.decimal(row.naiveMedianError(), RATE_SCALE)),
            new Column<>("naive_p90_error", row -> Cells.decimal(row.naiveP90Error(), RATE_SCALE)));
    static final List<Column<StatusRow>> STATUS = joined(List.of(
                    new Column<>("period_start", row -> row.period().start().toString()),
                    new Column<>("period_end", row -> row.period().end().toString()),
                    new Column<>("transfers", row -> Long.toString(row.counts().total()))),
            outcomeColumns(StatusRow::counts),
            List.of(new Column<>("partial", row -> Boolean.toString(row.period().partial()))));
    static final List<Column<OutcomeRow>> OUTCOME = joined(List.of(
                    new Column<>("period_start", row -> row.period().start().toString()),
                    new Column<>("period_end", row -> row.period().end().toString()),
                    new Column<>("step", row -> Cells.text(row.step())),
                    new Column<>("steps", row -> Long.toString(row.counts().total()))),
            outcomeColumns(OutcomeRow::counts),
            List.of(new Column<>("abort_rate", row -> Cells.decimal(row.counts().abortRate(), RATE_SCALE)),
                    new Column<>("partial", row -> Boolean.toString(row.period().partial()))));
    static final List<Column<RestRow>> REST = List.of(
            new Column<>("step", row -> Cells.text(row.step())),
            new Column<>("deployments", row -> Long.toString(row.deployments())),
            new Column<>("steps", row -> Long.toString(row.steps())),
            new Column<>("p50_seconds", row -> Cells.decimal(row.p50Seconds(), SECONDS_SCALE)),
            new Column<>("p90_seconds", row -> Cells.decimal(row.p90Seconds(), SECONDS_SCALE)),
            new Column<>("p50_remaining_seconds", row -> Cells.decimal(row.p50RestSeconds(), SECONDS_SCALE)),
            new Column<>("p90_remaining_seconds", row -> Cells.decimal(row.p90RestSeconds(), SECONDS_SCALE)));
    static final List<Column<TransferDayStore.Reject>> REJECT = List.of(
            new Column<>("deployment_step_id", reject -> Long.toString(reject.stepId())),
            new Column<>("day", reject -> reject.day().toString()),
            new Column<>("reason", reject -> Cells.text(reject.reason())),
            new Column<>("started_at", reject -> Micros.text(reject.startedAt())),
            new Column<>("finished_at", reject -> Micros.text(reject.finishedAt())),
            new Column<>("completed_items", reject -> count(reject.completedItems())),
            new Column<>("total_items", reject -> count(reject.totalItems())));

    /** transfer_status.csv's and step_outcomes.csv's counts by outcome, and the failure rate. */
    private static <T> List<Column<T>> outcomeColumns(Function<T, OutcomeCounts> counts) {
        return List.of(
                new Column<>("completed", row -> Long.toString(counts.apply(row).completed())),
                new Column<>("failed", row -> Long.toString(counts.apply(row).failed())),
                new Column<>("canceled", row -> Long.toString(counts.apply(row).canceled())),
                new Column<>("running", row -> Long.toString(counts.apply(row).running())),
                new Column<>("other", row -> Long.toString(counts.apply(row).other())),
                new Column<>("failure_rate", row -> Cells.decimal(counts.apply(row).failureRate(), RATE_SCALE)));
    }

    @SafeVarargs
    private static <T> List<Column<T>> joined(List<Column<T>>... parts) {
        return Arrays.stream(parts).flatMap(List::stream).toList();
    }

    /** A breakdown's columns: the period, the columns that name the cell, then the cell's figures. */
    @SafeVarargs
    private static List<Column<CellRow>> cellColumns(Column<CellRow>... cell) {
        return joined(List.of(
                        new Column<>("period_start", row -> row.period().start().toString()),
                        new Column<>("period_end", row -> row.period().end().toString())),
                List.of(cell),
                List.of(
                        new Column<>("transfers", row -> Long.toString(row.transfers())),
                        new Column<>("items", row -> Long.toString(row.items())),
                        new Column<>("seconds", row -> seconds(row.micros())),
                        new Column<>("items_per_second", row -> Cells.decimal(row.itemsPerSecond(), SPEED_SCALE)),
                        new Column<>("p10_seconds", row -> Cells.decimal(row.p10Seconds(), SECONDS_SCALE)),
                        new Column<>("p50_seconds", row -> Cells.decimal(row.p50Seconds(), SECONDS_SCALE)),
                        new Column<>("p90_seconds", row -> Cells.decimal(row.p90Seconds(), SECONDS_SCALE)),
                        new Column<>("max_seconds", row -> row.transfers() == 0 ? "" : seconds(row.maxMicros())),
                        new Column<>("p10_items_per_second", row -> Cells.decimal(row.p10Speed(), SPEED_SCALE)),
                        new Column<>("p50_items_per_second", row -> Cells.decimal(row.p50Speed(), SPEED_SCALE)),
                        new Column<>("p90_items_per_second", row -> Cells.decimal(row.p90Speed(), SPEED_SCALE)),
                        new Column<>("max_items_per_second", row -> Cells.decimal(row.maxSpeed(), SPEED_SCALE)),
                        new Column<>("partial", row -> Boolean.toString(row.period().partial()))));
    }

    private final Path dir;
    private final boolean bom;

    TransferReportFiles(Path dir, boolean bom) {
        this.dir = dir;
        this.bom = bom;
    }

    List<String> write(TransferReport report, TransferRun run, List<TransferDayStore.Reject> rejects) {
        String subtitle = run.range().from() + " to " + run.range().to() + " · " + run.grain().label()
                + " periods · zone " + run.zone().getId() + " · as of " + run.asOf();
        var files = new ArrayList<>(writeTables(report, run, rejects));
        writeSpeedChart(report, subtitle);
        writeDurationChart(report, subtitle);
        TransferCharts.writeRejectsAndUntimed(report.speeds().stream().map(row -> new RejectPoint(
                        row.period().start(), row.period().end(), row.period().partial(), row.rejected(),
                        row.untimed())).toList(),
                "Completed transfers left out of the speeds", subtitle, dir.resolve("rejects_untimed.png"));
        TransferCharts.writeEtaBacktest(report.backtest(), "ETA backtest: the model against items / median speed",
                subtitle + " · each day predicted from the " + EtaModel.WINDOW_DAYS + " days before it",
                dir.resolve("eta_backtest.png"));
        Map<String, Object> model = EtaModelFile.document(report.etaModel(), run.zone());
        model.put("steps", EtaModelFile.steps(report.rest()));
        EtaModelFile.write(dir, model);
        files.add(EtaModelFile.NAME);
        for (String chart : List.of("transfer_speed.png", "step_duration.png", "rejects_untimed.png",
                "eta_backtest.png")) {
            files.add(chart);
            files.add(ChartFiles.svgOf(chart));
        }
        return files;
    }

    private List<String> writeTables(TransferReport report, TransferRun run, List<TransferDayStore.Reject> rejects) {
        return List.of(csv("transfer_speed.csv", SPEED, report.speeds()),
                csv("step_duration.csv", DURATION, report.durations()),
                csv("transfer_status.csv", STATUS, report.statuses()),
                csv("step_outcomes.csv", OUTCOME, report.outcomes()),
                csv("deployment_remaining.csv", REST, report.rest()),
                csv("transfer_by_size.csv", BY_SIZE, report.bySize()),
                csv("transfer_by_hour.csv", BY_HOUR, report.byHour()),
                csv("transfer_eta.csv", BY_SIZE_AND_HOUR, report.bySizeAndHour()),
                csv("transfer_eta_fit.csv", FIT, report.fits()),
                csv("eta_backtest.csv", BACKTEST, report.backtest()),
                csv("rejects.csv", REJECT, rejects),
                csv("comparison.csv", ComparisonColumns.COLUMNS,
                        TransferComparisons.of(report, run.zone(), run.asOf())));
    }

    private void writeSpeedChart(TransferReport report, String subtitle) {
        TransferCharts.writeTransferSpeed(report.speeds().stream().map(row -> new SpeedPoint(row.period().start(),
                        row.period().end(), row.period().partial(), row.transfers(), row.items(), row.p50(), row.p90()))
                        .toList(),
                "File transfer speed", subtitle, dir.resolve("transfer_speed.png"));
    }

    private void writeDurationChart(TransferReport report, String subtitle) {
        TransferCharts.writeStepDuration(report.durations().stream().map(row -> new DurationPoint(
                        row.period().start(), row.period().end(), row.period().partial(), row.step(), row.steps(), row.p50(),
                        row.p90()))
                        .toList(),
                "Deployment step durations", subtitle, dir.resolve("step_duration.png"));
    }

    /** A line's figure, blank without a line. */
    private static String line(EtaFit.Line line, ToDoubleFunction<EtaFit.Line> figure, int scale) {
        return line == null ? "" : Cells.decimal(figure.applyAsDouble(line), scale);
    }

    /** Exact: microseconds are PostgreSQL's precision, so six decimals lose nothing. */
    static String seconds(long micros) {
        return BigDecimal.valueOf(micros, 6).toPlainString();
    }

    private static String count(BigDecimal count) {
        return count == null ? "" : count.toPlainString();
    }

    private <T> String csv(String name, List<Column<T>> columns, List<T> rows) {
        CsvFiles.write(dir.resolve(name), bom, columns, rows);
        return name;
    }
}
