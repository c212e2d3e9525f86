package io.progressreports.funnel;

import io.progressreports.alert.AlertRule;
import io.progressreports.compare.Point;
import io.progressreports.day.DayPlan;
import io.progressreports.launch.DayRows;
import io.progressreports.launch.RangeRenderer;
import io.progressreports.launch.ReportTasklet;
import io.progressreports.page.KindPage;
import io.progressreports.report.DateRange;
import io.progressreports.report.Manifest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/** Renders the funnel report from stored cohort days; {@link ReportTasklet} publishes it. */
public class FunnelReportTasklet extends ReportTasklet<FunnelReportTasklet.Rendered> {

    /** A computed day the store does not have: none of its rows were read. */
    private static final DayRows NONE = new DayRows(0, 0, Map.of());

    /** The report, and the source's rows of no cohort that it counts. */
    record Rendered(FunnelReport report, long unplaced) {
    }

    private final FunnelDayStore store;
    private final FunnelRun run;
    private final LongSupplier unplacedRows;

    /** @param unplacedRows counts the source's rows of no cohort (see {@link UnplacedRows}) */
    public FunnelReportTasklet(FunnelDayStore store, FunnelRun run, DayPlan plan, LongSupplier unplacedRows) {
        super("funnel", run, run.options(), plan, NONE);
        this.store = store;
        this.run = run;
        this.unplacedRows = unplacedRows;
    }

    @Override
    protected Rendered render(RangeRenderer rows, DateRange range) {
        long unplaced = unplacedRows.getAsLong();
        // Ranked before the days are read, from their stored sizes, so that each day folds into the report's segments.
        SegmentRanking ranking = run.segment() == null ? null
                : SegmentRanking.of(store.segmentSizes(range.from(), range.to()), run.top());
        return new Rendered(rows.render(store, range, FunnelDayAggregate::rows, days -> FunnelReport.build(
                run.definition(), days, range, run.grain(), run.zone(), run.asOf(), unplaced, ranking)), unplaced);
    }

    @Override
    protected List<Point> alertSeries(Rendered rendered, AlertRule rule) {
        return FunnelAlerts.series(rule, rendered.report());
    }

    @Override
    protected String rejectsFile() {
        return "data_quality.csv";
    }

    @Override
    protected List<String> write(Path dir, Rendered rendered) {
        DateRange range = run.range();
        List<FunnelDayStore.Dropoff> dropoffs = run.dropoffs() ? store.dropoffs(range.from(), range.to()) : List.of();
        return new FunnelReportFiles(dir, run.options().bom()).write(rendered.report(), run, dropoffs);
    }

    @Override
    protected KindPage page(Rendered rendered) {
        return FunnelPage.of(rendered.report(), run.definition().window());
    }

    @Override
    protected Map<String, Object> parameters() {
        var parameters = new LinkedHashMap<String, Object>();
        parameters.put("from", run.range().from().toString());
        parameters.put("to", run.range().to().toString());
        parameters.put("as_of", run.asOf().toString());
        parameters.put("zone", run.zone().getId());
        parameters.put("grain", run.grain().label());
        parameters.put("steps", run.definition().stepNames());
        parameters.put("window", run.definition().window().toString());
        parameters.put("order", run.definition().order().label());
        parameters.put("ages", run.definition().completionAges().stream().map(Duration::toString).toList());
        parameters.put("recompute", run.recompute());
        parameters.put("dropoffs", run.dropoffs());
        if (run.segment() != null) {
            var breakdown = new LinkedHashMap<String, Object>(run.segment().definition());
            breakdown.put("top", run.top());
            parameters.put("breakdown", breakdown);
        }
        return parameters;
    }

    @Override
    protected Map<String, Object> sourceTables() {
        return Manifest.ordered("table", run.table().toString(), "layout", run.layout().label());
    }

    @Override
    protected Map<String, Object> moreRows(Rendered rendered) {
        return Map.of("unplaced", rendered.unplaced());
    }
}
