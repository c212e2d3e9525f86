package io.progressreports.transfer;

import io.progressreports.alert.AlertRule;
import io.progressreports.compare.Point;
import io.progressreports.day.DayPlan;
import io.progressreports.launch.DayRows;
import io.progressreports.launch.RangeRenderer;
import io.progressreports.launch.ReportTasklet;
import io.progressreports.page.KindPage;
import io.progressreports.report.DateRange;
import io.progressreports.report.Manifest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Renders the transfer-speed report from stored days; {@link ReportTasklet} publishes it. */
public class TransferReportTasklet extends ReportTasklet<TransferReport> {

    /** A computed day the store does not have: none of its rows were read. */
    private static final DayRows NONE = new TransferDay().rows();

    private static final Logger LOG = LoggerFactory.getLogger(TransferReportTasklet.class);

    private final TransferDayStore store;
    private final TransferRun run;

    public TransferReportTasklet(TransferDayStore store, TransferRun run, DayPlan plan) {
        super("transfer-speed", run, run.options(), plan, NONE);
        this.store = store;
        this.run = run;
    }

    @Override
    protected TransferReport render(RangeRenderer rows, DateRange range) {
        TransferDayStore.EtaFits fits = store.etaFits();
        TransferReport report = rows.render(store, range, TransferDay::rows,
                days -> TransferReport.build(days, range, run.lastDay(), run.grain(), new EtaFitCache(fits)));
        fits.markUsed();
        logUnknownStatuses(report);
        return report;
    }

    /** Days for a trailing median, ending with the range's last complete day; else the complete periods. */
    @Override
    protected List<Point> alertSeries(TransferReport report, AlertRule rule) {
        LocalDate latestDay = run.asOf().atZone(run.zone()).toLocalDate().minusDays(1);
        if (latestDay.isAfter(run.range().to())) {
            latestDay = run.range().to();
        }
        List<TransferReport.SpeedRow> complete = report.speeds().stream().filter(row -> !row.period().partial()
                && !row.period().endInstant(run.zone()).isAfter(run.asOf())).toList();
        return latestDay.isBefore(run.range().from()) ? List.of()
                : TransferAlerts.series(rule, complete, store, latestDay);
    }

    @Override
    protected String rejectsFile() {
        return "rejects.csv";
    }

    @Override
    protected List<String> write(Path dir, TransferReport report) {
        List<TransferDayStore.Reject> rejects = store.rejects(run.range().from(), run.range().to());
        return new TransferReportFiles(dir, run.options().bom()).write(report, run, rejects);
    }

    @Override
    protected KindPage page(TransferReport report) {
        return TransferPage.of(report);
    }

    /**
     * Transfers under a status the job does not know are counted as "other", never silently left out, and the log
     * names the words. A range with such transfers and no completed one at all is likely a source with another
     * vocabulary (say {@code done}), whose report would otherwise be empty without a word: that is a warning.
     */
    private void logUnknownStatuses(TransferReport report) {
        Map<String, Long> unknown = new TreeMap<>();
        report.notCompleted().forEach((status, n) -> {
            if (TransferStatuses.category(status) == TransferStatuses.Category.OTHER) {
                unknown.put(status, n);
            }
        });
        if (unknown.isEmpty()) {
            return;
        }
        boolean noneCompleted = report.statuses().stream().allMatch(row -> row.counts().completed() == 0);
        String message = "{}: {} transfer rows have a status that is none of completed ({}), failed, canceled or "
                + "running, and are counted as other in transfer_status.csv: {}; if some mean completed, list them "
                + "under statuses: in the job file";
        Object[] arguments = {run.jobName(), unknown.values().stream().mapToLong(Long::longValue).sum(),
                String.join(", ", run.statuses().words()), unknown};
        if (noneCompleted) {
            LOG.warn(message, arguments);
        } else {
            LOG.info(message, arguments);
        }
    }

    /** The range's transfer rows by status category, and by each status word that is not a completed one. */
    private Map<String, Object> statuses(TransferReport report) {
        var categories = new LinkedHashMap<String, Object>();
        for (TransferStatuses.Category category : TransferStatuses.Category.values()) {
            categories.put(category.label(),
                    report.statuses().stream().mapToLong(row -> row.counts().of(category)).sum());
        }
        return Manifest.ordered("completed_statuses", run.statuses().words(), "transfers", categories,
                "not_completed", report.notCompleted());
    }

    @Override
    protected Map<String, Object> parameters() {
        return Manifest.ordered("from", run.range().from().toString(), "to", run.range().to().toString(), "as_of",
                run.asOf().toString(), "zone", run.zone().getId(), "grain", run.grain().label(), "grace",
                run.grace().toString(), "recompute", run.recompute());
    }

    @Override
    protected Map<String, Object> sourceTables() {
        return Manifest.ordered("steps_table", run.steps().toString(), "timings_table", run.timings().toString());
    }

    @Override
    protected Map<String, Object> afterRejects(TransferReport report) {
        return Manifest.ordered("statuses", statuses(report), "deployments", Manifest.ordered("counted",
                report.deployments().deployments(), "left_out", report.deployments().leftOut()));
    }

    @Override
    protected Map<String, Object> afterPartitions() {
        return Manifest.ordered("index_advice", run.indexAdvice());
    }
}
