package io.progressreports.funnel;

import io.progressreports.Background;
import io.progressreports.report.Cells;
import io.progressreports.report.CsvFiles;
import io.progressreports.report.ReportPeriod;

import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Writes the funnel report's CSVs and charts into a folder. The column lists are a contract: see design.md. */
final class FunnelReportFiles {

    static final List<String> FUNNEL_COLUMNS = List.of("cohort_start", "cohort_end", "step_number", "step",
            "namespaces", "conversion_from_start", "conversion_from_previous", "median_hours_to_step",
            "p90_hours_to_step", "mature");
    static final List<String> COMPLETION_COLUMNS = List.of("cohort_start", "cohort_end", "action", "age_days",
            "namespaces", "completed", "completion_rate", "mature");
    static final List<String> QUALITY_COLUMNS = List.of("check", "action", "findings", "rows_checked", "share",
            "effect");
    static final List<String> DROPOFF_COLUMNS = List.of("namespace_id", "cohort_start", "last_step_number",
            "last_step", "last_step_at");

    private static final int RATE_SCALE = 4;
    private static final int HOURS_SCALE = 4;

    private final Path dir;
    private final boolean bom;

    FunnelReportFiles(Path dir, boolean bom) {
        this.dir = dir;
        this.bom = bom;
    }

    List<String> write(FunnelReport report, FunnelRun run, List<FunnelDayStore.Dropoff> dropoffs) {
        String subtitle = run.range().from() + " to " + run.range().to() + " · " + run.grain().label()
                + " cohorts · zone " + run.zone().getId() + " · window " + Cells.days(run.definition().window())
                + " days · " + run.definition().order().label() + " order · as of " + run.asOf();
        // The trend chart takes longest to draw: on a second core it is done by the time the rest is written.
        var trendChart = Background.run("conversion_trend.png", () -> writeTrendChart(report, subtitle));
        var files = new ArrayList<String>();
        trendChart.joinAfter(() -> {
            files.addAll(writeTables(report, run, dropoffs));
            FunnelCharts.writeFunnel(report.summary().stream().map(row -> new FunnelBar(row.stepNumber(),
                    row.step(), row.namespaces(), row.fromStart())).toList(), "Onboarding funnel", subtitle,
                    dir.resolve("funnel.png"));
        });
        files.add("funnel.png");
        files.add("conversion_trend.png");
        return files;
    }

    private List<String> writeTables(FunnelReport report, FunnelRun run, List<FunnelDayStore.Dropoff> dropoffs) {
        var files = new ArrayList<String>();
        files.add(csv("funnel.csv", FUNNEL_COLUMNS, report.funnel(), FunnelReportFiles::funnelCells));
        files.add(csv("funnel_summary.csv", FUNNEL_COLUMNS, report.summary(), FunnelReportFiles::funnelCells));
        files.add(csv("completion_by_age.csv", COMPLETION_COLUMNS, report.completion(), row -> List.of(
                row.cohort().start().toString(), row.cohort().end().toString(), Cells.text(row.action()),
                Cells.days(row.age()), Long.toString(row.namespaces()), Long.toString(row.completed()),
                Cells.decimal(row.rate(), RATE_SCALE), Boolean.toString(row.mature()))));
        files.add(csv("data_quality.csv", QUALITY_COLUMNS, report.quality(), row -> List.of(Cells.text(row.check()),
                Cells.text(row.action()), Long.toString(row.findings()), Long.toString(row.rowsChecked()),
                Cells.decimal(row.rowsChecked() == 0 ? Double.NaN : (double) row.findings() / row.rowsChecked(), 6),
                Cells.text(row.effect()))));
        if (run.dropoffs()) {
            files.add(csv("dropoffs.csv", DROPOFF_COLUMNS, dropoffs, dropoffCells(run)));
        }
        return files;
    }

    private void writeTrendChart(FunnelReport report, String subtitle) {
        FunnelCharts.writeConversionTrend(report.funnel().stream().filter(row -> row.stepNumber() > 1)
                        .map(row -> new ConversionPoint(row.cohort().start(), row.cohort().end(), row.stepNumber(),
                                row.step(), row.fromStart(), row.mature())).toList(),
                "Conversion from signup by cohort", subtitle, dir.resolve("conversion_trend.png"));
    }

    private static List<String> funnelCells(FunnelReport.FunnelRow row) {
        ReportPeriod cohort = row.cohort();
        return List.of(cohort.start().toString(), cohort.end().toString(), Integer.toString(row.stepNumber()),
                Cells.text(row.step()), Long.toString(row.namespaces()), Cells.decimal(row.fromStart(), RATE_SCALE),
                Cells.decimal(row.fromPrevious(), RATE_SCALE), Cells.decimal(row.medianHours(), HOURS_SCALE),
                Cells.decimal(row.p90Hours(), HOURS_SCALE), Boolean.toString(row.mature()));
    }

    private static Function<FunnelDayStore.Dropoff, List<String>> dropoffCells(FunnelRun run) {
        List<String> steps = run.definition().stepNames();
        ZoneId zone = run.zone();
        return dropoff -> List.of(Long.toString(dropoff.namespaceId()),
                run.grain().periodStart(dropoff.day()).isBefore(run.range().from()) ? run.range().from().toString()
                        : run.grain().periodStart(dropoff.day()).toString(),
                Integer.toString(dropoff.lastStepNumber()), Cells.text(steps.get(dropoff.lastStepNumber() - 1)),
                DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(dropoff.lastStepAt().atZone(zone)));
    }

    private <T> String csv(String name, List<String> header, List<T> rows, Function<T, List<String>> cells) {
        CsvFiles.write(dir.resolve(name), bom, header, rows.stream().map(cells).toList());
        return name;
    }
}
