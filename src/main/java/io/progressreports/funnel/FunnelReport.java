package io.progressreports.funnel;

import io.progressreports.day.StoredDays;
import io.progressreports.report.DateRange;
import io.progressreports.report.Grain;
import io.progressreports.report.Percentiles;
import io.progressreports.report.ReportPeriod;
import io.progressreports.source.Micros;
import org.HdrHistogram.DoubleHistogram;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The funnel report's tables, built from stored cohort days: periods are merges of days, never reread rows.
 *
 * @param segments           with a breakdown, the same tables per segment in the ranking's order; else empty
 * @param matureHoursToStep the hours from signup to each step (step 1 first) of the namespaces of the mature
 *                           cohorts that reached it: an immature cohort's would leave out its slow converters
 */
public record FunnelReport(List<FunnelRow> funnel, List<FunnelRow> summary, List<CompletionRow> completion,
                           List<QualityRow> quality, List<Segment> segments, List<DoubleHistogram> matureHoursToStep) {

    /** One segment's rows of funnel.csv, funnel_summary.csv and completion_by_age.csv. */
    public record Segment(String name, List<FunnelRow> funnel, List<FunnelRow> summary,
                          List<CompletionRow> completion) {
    }

    /** One cohort (or the whole range, in the summary) at one step. Rates and hours are NaN when undefined. */
    public record FunnelRow(ReportPeriod cohort, int stepNumber, String step, long namespaces, double fromStart,
                            double fromPrevious, double medianHours, double p90Hours, boolean mature) {
    }

    public record CompletionRow(ReportPeriod cohort, String action, Duration age, long namespaces, long completed,
                                double rate, boolean mature) {
    }

    public record QualityRow(String check, String action, long findings, long rowsChecked, String effect) {
    }

    /**
     * @param unplaced rows of the source that belong to no cohort (NULL created_at), for data_quality.csv
     * @param ranking the segments to report, with a breakdown (each day's segments are folded into them as the days
     *                are read); null without one
     */
    public static FunnelReport build(FunnelDefinition definition, StoredDays<FunnelDayAggregate> days,
                                     DateRange range, Grain grain, ZoneId zone, Instant asOf, long unplaced,
                                     SegmentRanking ranking) {
        var funnel = new ArrayList<FunnelRow>();
        var completion = new ArrayList<CompletionRow>();
        var total = FunnelDayAggregate.empty(definition, ranking != null);
        var segments = new LinkedHashMap<String, SegmentRows>();
        if (ranking != null) {
            ranking.segments().forEach(name -> segments.put(name, new SegmentRows()));
        }
        boolean allMature = true;
        FunnelFigures matureFigures = FunnelFigures.empty(definition);
        for (ReportPeriod cohort : range.periods(grain)) {
            if (cohort.startInstant(zone).isAfter(asOf)) {
                break;
            }
            FunnelDayAggregate aggregate = ranking == null
                    ? days.merged(cohort, () -> FunnelDayAggregate.empty(definition), FunnelDayAggregate::merge)
                    : days.mergedInto(cohort, FunnelDayAggregate.empty(definition, true),
                            (into, day) -> into.merge(day, ranking::segmentOf));
            boolean mature = isMature(cohort, definition.window(), zone, asOf);
            allMature &= mature;
            if (mature) {
                matureFigures.merge(aggregate.figures());
            }
            funnel.addAll(stepRows(definition, cohort, aggregate.figures(), mature));
            completion.addAll(completionRows(definition, cohort, aggregate.figures(), zone, asOf));
            segments.forEach((name, rows) -> {
                FunnelFigures figures = aggregate.segments().containsKey(name)
                        ? aggregate.segments().get(name).figures() : FunnelFigures.empty(definition);
                rows.funnel.addAll(stepRows(definition, cohort, figures, mature));
                rows.completion.addAll(completionRows(definition, cohort, figures, zone, asOf));
            });
            total.merge(aggregate);
        }
        // The range itself, not a cohort the range cuts: funnel_summary.csv's partial is false.
        var whole = new ReportPeriod(range.from(), range.to().plusDays(1), false);
        boolean wholeMature = allMature;
        return new FunnelReport(funnel, stepRows(definition, whole, total.figures(), allMature), completion,
                qualityRows(definition, total, asOf, unplaced), segments.entrySet().stream()
                .map(segment -> new Segment(segment.getKey(), segment.getValue().funnel,
                        stepRows(definition, whole, total.segments().containsKey(segment.getKey())
                                ? total.segments().get(segment.getKey()).figures() : FunnelFigures.empty(definition),
                                wholeMature),
                        segment.getValue().completion))
                .toList(), List.of(matureFigures.hoursToStep()));
    }

    /** A segment's rows as the periods are read. */
    private static final class SegmentRows {
        private final List<FunnelRow> funnel = new ArrayList<>();
        private final List<CompletionRow> completion = new ArrayList<>();
    }

    static boolean isMature(ReportPeriod cohort, Duration age, ZoneId zone, Instant asOf) {
        return !cohort.endInstant(zone).plus(age).isAfter(asOf);
    }

    private static List<FunnelRow> stepRows(FunnelDefinition definition, ReportPeriod cohort,
                                            FunnelFigures aggregate, boolean mature) {
        var rows = new ArrayList<FunnelRow>();
        long[] reached = aggregate.reached();
        List<String> names = definition.stepNames();
        for (int step = 0; step < names.size(); step++) {
            double[] hours = Percentiles.nearestRanks(aggregate.hoursToStep()[step], 0.5, 0.9);
            rows.add(new FunnelRow(cohort, step + 1, names.get(step), reached[step], ratio(reached[step], reached[0]),
                    step == 0 ? ratio(reached[0], reached[0]) : ratio(reached[step], reached[step - 1]),
                    hours[0], hours[1], mature));
        }
        return rows;
    }

    private static List<CompletionRow> completionRows(FunnelDefinition definition, ReportPeriod cohort,
                                                      FunnelFigures aggregate, ZoneId zone, Instant asOf) {
        var rows = new ArrayList<CompletionRow>();
        List<Duration> ages = definition.completionAges();
        for (int action = 0; action < definition.actions().size(); action++) {
            for (int age = 0; age < ages.size(); age++) {
                long done = aggregate.completed()[action][age];
                rows.add(new CompletionRow(cohort, definition.actions().get(action), ages.get(age),
                        aggregate.namespaces(), done, ratio(done, aggregate.namespaces()),
                        isMature(cohort, ages.get(age), zone, asOf)));
            }
        }
        return rows;
    }

    private static List<QualityRow> qualityRows(FunnelDefinition definition, FunnelDayAggregate total,
                                                Instant asOf, long unplaced) {
        long rows = total.namespaces() + total.rejectedRows();
        var quality = new ArrayList<QualityRow>();
        for (int action = 0; action < definition.actions().size(); action++) {
            String name = definition.actions().get(action);
            quality.add(new QualityRow("action_before_creation", name, total.beforeCreation()[action], rows,
                    "counted as done at creation"));
            quality.add(new QualityRow("action_after_as_of", name, total.afterAsOf().countAfter(action, Micros.of(asOf)),
                    rows, "ignored"));
        }
        for (String reason : FunnelEvaluator.REJECT_REASONS) {
            quality.add(new QualityRow("rejected_row", reason, total.rejected().getOrDefault(reason, 0L), rows,
                    "row not counted"));
        }
        // Of the whole table, not of the range: such a row could belong to any cohort.
        quality.add(new QualityRow(UnplacedRows.CHECK, "", unplaced, rows + unplaced,
                "row in no cohort, not counted"));
        return quality;
    }

    private static double ratio(long part, long whole) {
        return whole == 0 ? Double.NaN : (double) part / whole;
    }
}
