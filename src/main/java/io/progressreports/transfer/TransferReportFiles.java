package io.progressreports.transfer;

import io.progressreports.Background;
import io.progressreports.report.Cells;
import io.progressreports.report.CsvFiles;
import io.progressreports.source.Micros;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Writes the transfer-speed report's CSVs and charts into a folder. The column lists are a contract: design.md. */
final class TransferReportFiles {

    static final List<String> SPEED_COLUMNS = List.of("period_start", "period_end", "transfers", "items", "seconds",
            "items_per_second", "p50_items_per_second", "p90_items_per_second", "p99_items_per_second",
            "max_items_per_second", "rejected", "untimed");
    static final List<String> DURATION_COLUMNS = List.of("period_start", "period_end", "step", "steps",
            "total_seconds", "p50_seconds", "p90_seconds", "p99_seconds", "max_seconds");
    static final List<String> STATUS_COLUMNS = List.of("period_start", "period_end", "transfers", "completed",
            "failed", "canceled", "running", "other", "failure_rate");
    static final List<String> REJECT_COLUMNS = List.of("deployment_step_id", "day", "reason", "started_at",
            "finished_at", "completed_items", "total_items");

    private static final int SPEED_SCALE = 3;
    private static final int SECONDS_SCALE = 6;
    private static final int RATE_SCALE = 4;

    private final Path dir;
    private final boolean bom;

    TransferReportFiles(Path dir, boolean bom) {
        this.dir = dir;
        this.bom = bom;
    }

    List<String> write(TransferReport report, TransferRun run, List<TransferDayStore.Reject> rejects) {
        String subtitle = run.range().from() + " to " + run.range().to() + " · " + run.grain().label()
                + " periods · zone " + run.zone().getId() + " · as of " + run.asOf();
        // The speed chart takes longest to draw: on a second core it is done by the time the rest is written.
        var speedChart = Background.run("transfer_speed.png", () -> writeSpeedChart(report, subtitle));
        var files = new ArrayList<String>();
        speedChart.joinAfter(() -> {
            files.addAll(writeTables(report, rejects));
            writeDurationChart(report, subtitle);
        });
        files.add("transfer_speed.png");
        files.add("step_duration.png");
        return files;
    }

    private List<String> writeTables(TransferReport report, List<TransferDayStore.Reject> rejects) {
        return List.of(csv("transfer_speed.csv", SPEED_COLUMNS, report.speeds(), row -> List.of(
                        row.period().start().toString(), row.period().end().toString(),
                        Long.toString(row.transfers()), Long.toString(row.items()), seconds(row.micros()),
                        Cells.decimal(row.itemsPerSecond(), SPEED_SCALE), Cells.decimal(row.p50(), SPEED_SCALE),
                        Cells.decimal(row.p90(), SPEED_SCALE), Cells.decimal(row.p99(), SPEED_SCALE),
                        Cells.decimal(row.max(), SPEED_SCALE), Long.toString(row.rejected()),
                        Long.toString(row.untimed()))),
                csv("step_duration.csv", DURATION_COLUMNS, report.durations(), row -> List.of(
                        row.period().start().toString(), row.period().end().toString(), Cells.text(row.step()),
                        Long.toString(row.steps()), seconds(row.micros()), Cells.decimal(row.p50(), SECONDS_SCALE),
                        Cells.decimal(row.p90(), SECONDS_SCALE), Cells.decimal(row.p99(), SECONDS_SCALE),
                        seconds(row.maxMicros()))),
                csv("transfer_status.csv", STATUS_COLUMNS, report.statuses(), row -> List.of(
                        row.period().start().toString(), row.period().end().toString(),
                        Long.toString(row.transfers()), Long.toString(row.completed()), Long.toString(row.failed()),
                        Long.toString(row.canceled()), Long.toString(row.running()), Long.toString(row.other()),
                        Cells.decimal(row.failureRate(), RATE_SCALE))),
                csv("rejects.csv", REJECT_COLUMNS, rejects, reject -> List.of(Long.toString(reject.stepId()),
                        reject.day().toString(), Cells.text(reject.reason()), Micros.text(reject.startedAt()),
                        Micros.text(reject.finishedAt()), count(reject.completedItems()),
                        count(reject.totalItems()))));
    }

    private void writeSpeedChart(TransferReport report, String subtitle) {
        TransferCharts.writeTransferSpeed(report.speeds().stream().map(row -> new SpeedPoint(row.period().start(),
                        row.period().end(), row.transfers(), row.items(), row.p50(), row.p90())).toList(),
                "File transfer speed", subtitle, dir.resolve("transfer_speed.png"));
    }

    private void writeDurationChart(TransferReport report, String subtitle) {
        TransferCharts.writeStepDuration(report.durations().stream().map(row -> new DurationPoint(
                        row.period().start(), row.period().end(), row.step(), row.steps(), row.p50(), row.p90()))
                        .toList(),
                "Deployment step durations", subtitle, dir.resolve("step_duration.png"));
    }

    /** Exact: microseconds are PostgreSQL's precision, so six decimals lose nothing. */
    static String seconds(long micros) {
        return BigDecimal.valueOf(micros, 6).toPlainString();
    }

    private static String count(BigDecimal count) {
        return count == null ? "" : count.toPlainString();
    }

    private <T> String csv(String name, List<String> header, List<T> rows, Function<T, List<String>> cells) {
        CsvFiles.write(dir.resolve(name), bom, header, rows.stream().map(cells).toList());
        return name;
    }
}
