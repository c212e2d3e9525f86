package io.progressreports.funnel;

import io.progressreports.compare.ComparisonColumns;
import io.progressreports.funnel.FunnelReport.CompletionRow;
import io.progressreports.funnel.FunnelReport.FunnelRow;
import io.progressreports.funnel.FunnelReport.QualityRow;
import io.progressreports.funnel.FunnelReport.Segment;
import io.progressreports.report.Cells;
import io.progressreports.report.ChartFiles;
import io.progressreports.report.Column;
import io.progressreports.report.CsvFiles;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Writes the funnel report's CSVs and charts into a folder. The columns are a contract: see design.md. */
final class FunnelReportFiles {

    private static final int RATE_SCALE = 4;
    private static final int HOURS_SCALE = 4;

    static final List<Column<FunnelRow>> FUNNEL = List.of(
            new Column<>("cohort_start", row -> row.cohort().start().toString()),
            new Column<>("cohort_end", row -> row.cohort().end().toString()),
            new Column<>("step_number", row -> Integer.toString(row.stepNumber())),
            new Column<>("step", row -> Cells.text(row.step())),
            new Column<>("namespaces", row -> Long.toString(row.namespaces())),
            new Column<>("conversion_from_start", row -> Cells.decimal(row.fromStart(), RATE_SCALE)),
            new Column<>("conversion_from_previous", row -> Cells.decimal(row.fromPrevious(), RATE_SCALE)),
            new Column<>("median_hours_to_step", row -> Cells.decimal(row.medianHours(), HOURS_SCALE)),
            new Column<>("p90_hours_to_step", row -> Cells.decimal(row.p90Hours(), HOURS_SCALE)),
            new Column<>("mature", row -> Boolean.toString(row.mature())),
            new Column<>("partial", row -> Boolean.toString(row.cohort().partial())));
    static final List<Column<CompletionRow>> COMPLETION = List.of(
            new Column<>("cohort_start", row -> row.cohort().start().toString()),
            new Column<>("cohort_end", row -> row.cohort().end().toString()),
            new Column<>("action", row -> Cells.text(row.action())),
            new Column<>("age_days", row -> Cells.days(row.age())),
            new Column<>("namespaces", row -> Long.toString(row.namespaces())),
            new Column<>("completed", row -> Long.toString(row.completed())),
            new Column<>("completion_rate", row -> Cells.decimal(row.rate(), RATE_SCALE)),
            new Column<>("mature", row -> Boolean.toString(row.mature())),
            new Column<>("partial", row -> Boolean.toString(row.cohort().partial())));
    static final List<Column<QualityRow>> QUALITY = List.of(
            new Column<>("check", row -> Cells.text(row.check())),
            new Column<>("action", row -> Cells.text(row.action())),
            new Column<>("findings", row -> Long.toString(row.findings())),
            new Column<>("rows_checked", row -> Long.toString(row.rowsChecked())),
            new Column<>("share", row -> Cells.decimal(
                    row.rowsChecked() == 0 ? Double.NaN : (double) row.findings() / row.rowsChecked(), 6)),
            new Column<>("effect", row -> Cells.text(row.effect())));


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
        var files = new ArrayList<>(writeTables(report, run, dropoffs));
        MatureFunnel funnel = MatureFunnel.of(report);
        FunnelCharts.writeFunnel(funnel.bars(), "Onboarding funnel", subtitle, funnel.cohortsNote(),
                dir.resolve("funnel.png"));
        writeTrendChart(report, subtitle);
        FunnelCharts.writeCompletionByAge(CompletionByAge.curves(report.completion()),
                "Completion by age: each action", subtitle, dir.resolve("completion_by_age.png"));
        FunnelCharts.writeTimeToStep(TimeToStep.curves(run.definition().stepNames(), report.matureHoursToStep(),
                        run.definition().window()), "Time from signup to each step", subtitle + " · mature cohorts",
                dir.resolve("time_to_step.png"));
        for (String chart : List.of("funnel.png", "conversion_trend.png", "completion_by_age.png",
                "time_to_step.png")) {
            files.add(chart);
            files.add(ChartFiles.svgOf(chart));
        }
        return files;
    }

    private List<String> writeTables(FunnelReport report, FunnelRun run, List<FunnelDayStore.Dropoff> dropoffs) {
        var files = new ArrayList<String>();
        if (run.segment() == null) {
            files.add(csv("funnel.csv", FUNNEL, report.funnel()));
            files.add(csv("funnel_summary.csv", FUNNEL, report.summary()));
            files.add(csv("completion_by_age.csv", COMPLETION, report.completion()));
        } else {
            files.add(csv("funnel.csv", segmented(FUNNEL), bySegment(report.funnel(), report, Segment::funnel)));
            files.add(csv("funnel_summary.csv", segmented(FUNNEL), bySegment(report.summary(), report,
                    Segment::summary)));
            files.add(csv("completion_by_age.csv", segmented(COMPLETION), bySegment(report.completion(), report,
                    Segment::completion)));
        }
        files.add(csv("data_quality.csv", QUALITY, report.quality()));
        files.add(csv("comparison.csv", ComparisonColumns.COLUMNS, FunnelComparisons.of(report)));
        if (run.dropoffs()) {
            files.add(csv("dropoffs.csv", dropoffColumns(run), dropoffs));
        }
        return files;
    }

    /** A row of a file with a breakdown: the segment's name, then the row as the file without one has it. */
    record InSegment<T>(String segment, T row) {
    }

    /**
     * The columns with a breakdown: {@code segment} first, then the file's own. Only then, so that the files of a
     * job without one keep the columns that scripts read.
     */
    static <T> List<Column<InSegment<T>>> segmented(List<Column<T>> columns) {
        var all = new ArrayList<Column<InSegment<T>>>();
        all.add(new Column<>("segment", row -> Cells.text(row.segment())));
        columns.forEach(column -> all.add(new Column<>(column.name(), row -> column.cell().apply(row.row()))));
        return all;
    }

    /** Every namespace's rows as (all), then each segment's in the ranking's order. */
    private static <T> List<InSegment<T>> bySegment(List<T> all, FunnelReport report,
                                                    Function<Segment, List<T>> rows) {
        var segmented = new ArrayList<InSegment<T>>();
        all.forEach(row -> segmented.add(new InSegment<>(SegmentRanking.ALL, row)));
        report.segments().forEach(segment -> rows.apply(segment)
                .forEach(row -> segmented.add(new InSegment<>(segment.name(), row))));
        return segmented;
    }

    private void writeTrendChart(FunnelReport report, String subtitle) {
        Map<LocalDate, Long> sizes = new HashMap<>();
        report.funnel().stream().filter(row -> row.stepNumber() == 1)
                .forEach(row -> sizes.put(row.cohort().start(), row.namespaces()));
        FunnelCharts.writeConversionTrend(report.funnel().stream().filter(row -> row.stepNumber() > 1)
                        .map(row -> new ConversionPoint(row.cohort().start(), row.cohort().end(), row.stepNumber(),
                                row.step(), row.fromStart(), row.mature(), row.cohort().partial(),
                                sizes.get(row.cohort().start()))).toList(),
                "Conversion from signup by cohort", subtitle, dir.resolve("conversion_trend.png"));
    }

    /** A drop-off's cohort and step name depend on the run: its grain, range and steps. */
    private static List<Column<FunnelDayStore.Dropoff>> dropoffColumns(FunnelRun run) {
        List<String> steps = run.definition().stepNames();
        ZoneId zone = run.zone();
        return List.of(
                new Column<>("namespace_id", dropoff -> Long.toString(dropoff.namespaceId())),
                new Column<>("cohort_start", dropoff -> run.grain().periodStart(dropoff.day())
                        .isBefore(run.range().from()) ? run.range().from().toString()
                        : run.grain().periodStart(dropoff.day()).toString()),
                new Column<>("last_step_number", dropoff -> Integer.toString(dropoff.lastStepNumber())),
                new Column<>("last_step", dropoff -> Cells.text(steps.get(dropoff.lastStepNumber() - 1))),
                new Column<>("last_step_at", dropoff -> DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                        dropoff.lastStepAt().atZone(zone))));
    }

    private <T> String csv(String name, List<Column<T>> columns, List<T> rows) {
        CsvFiles.write(dir.resolve(name), bom, columns, rows);
        return name;
    }
}
