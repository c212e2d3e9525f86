package io.progressreports.funnel;

import io.progressreports.failure.Printable;
import io.progressreports.failure.UsageException;
import io.progressreports.job.FunnelOrder;
import io.progressreports.job.JobValues;
import io.progressreports.report.DateRange;
import io.progressreports.report.Grain;
import io.progressreports.run.Asked;
import io.progressreports.run.JobKind;
import io.progressreports.run.KindFlags;
import io.progressreports.run.ReportRun;
import io.progressreports.run.RunOverrides;
import io.progressreports.run.RunRequests;
import io.progressreports.source.ColumnType;
import io.progressreports.source.RequiredColumn;
import io.progressreports.source.TableNeeds;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Job files of kind funnel: onboarding funnels by signup cohort, each file run as a job of its name over the
 * onboardingFunnel flow.
 */
public final class FunnelKind implements JobKind<FunnelJobFile> {

    @Override
    public Class<FunnelJobFile> fileType() {
        return FunnelJobFile.class;
    }

    @Override
    public ReportRun prepare(String job, FunnelJobFile file, RunOverrides flags, RunRequests requests) {
        Asked<FunnelRequest> asked = ask(job, file, flags, requests);
        boolean fileHasSteps = file.steps() != null;
        KindFlags ownFlags = flags.kind().only(this, flags(flags).own(fileHasSteps));
        Map<String, String> own = ask(job, file, flags.ownDefinition(ownFlags), requests).definition();
        if (!fileHasSteps) {
            // A job file without steps has no funnel of its own: whatever steps a run names, it is ad hoc.
            own.remove("steps");
        }
        return RunRequests.run(job, file, flags, asked, own, FunnelLauncher.class);
    }

    /** The funnel that file and flags ask for; its definition names what it counts by flag (without dashes). */
    private Asked<FunnelRequest> ask(String job, FunnelJobFile file, RunOverrides flags, RunRequests requests) {
        FunnelFlags funnel = flags(flags);
        ZoneId zone = RunRequests.zone(file, flags.calendar());
        Instant asOf = requests.asOf(flags.calendar(), zone);
        List<String> steps = funnel.steps == null ? file.steps()
                : Arrays.stream(funnel.steps.split(",", -1)).map(String::trim).toList();
        if (steps == null || steps.isEmpty() || steps.stream().anyMatch(String::isEmpty)) {
            throw new UsageException("--steps needs action names separated by commas, not '"
                    + Printable.of(funnel.steps) + "'");
        }
        if (funnel.steps != null) {
            // As the job file's steps are at load: text that is no action name is refused before connecting.
            steps.forEach(step -> JobValues.stepName("--steps", step));
        }
        String stepsOrigin = funnel.steps == null ? requests.where(job, "steps") : null;
        String alertsOrigin = file.alerts() == null ? null : requests.where(job, "alerts");
        LayoutRequest layout = LayoutRequest.of(file);
        String table = funnel.table == null ? RunRequests.pick(null, file.table(), layout.defaultTable())
                : JobValues.tableName("--table", funnel.table);
        Duration window = JobValues.duration("--window", RunRequests.pick(funnel.window, file.window(), "30d"));
        FunnelOrder order = JobValues.order("--order", RunRequests.pick(funnel.order, file.order(), "sequential"));
        List<Duration> ages = ages(file, funnel);
        DateRange range = RunRequests.range(file, flags.range(), asOf, zone);
        Grain grain = JobValues.grain("--grain", RunRequests.pick(flags.calendar().grain(), file.grain(), "week"));
        ZoneId sourceZone = RunRequests.sourceZone(file, flags.work());
        Breakdown breakdown = breakdown(file, funnel, layout);
        var definition = new LinkedHashMap<String, String>();
        definition.put("table", table);
        definition.put("steps", String.join(",", steps));
        definition.put("window", window.toString());
        definition.put("order", order.label());
        definition.put("ages", ages.toString());
        definition.put("breakdown", breakdown == null ? Breakdown.NONE : breakdown.label());
        definition.putAll(RunRequests.common(zone, grain));
        return new Asked<>(definition, range, zone, asOf, options -> new FunnelRequest(job, table, steps, stepsOrigin,
                window, order, ages, zone, range, asOf, grain, flags.work().recompute(), funnel.dropoffs, options,
                layout, sourceZone, file.actions(), alertsOrigin, breakdown));
    }

    private FunnelFlags flags(RunOverrides flags) {
        return flags.kind().of(this, FunnelFlags.class).orElseGet(FunnelFlags::new);
    }

    /** The flag's, else the file's; {@code --breakdown none} leaves out the file's. */
    private static Breakdown breakdown(FunnelJobFile file, FunnelFlags funnel, LayoutRequest layout) {
        Integer top = file.breakdown() == null ? null : file.breakdown().top();
        Breakdown breakdown = funnel.breakdown == null
                ? file.breakdown() == null ? null : file.breakdown().checked("breakdown")
                : Breakdown.NONE.equals(funnel.breakdown) ? null : Breakdown.parse(funnel.breakdown, top);
        if (breakdown != null && layout.actionRows()) {
            throw new UsageException("--breakdown applies to funnel jobs with layout " + FunnelJobFile.COLUMNS
                    + " only");
        }
        return breakdown;
    }

    private static List<Duration> ages(FunnelJobFile file, FunnelFlags funnel) {
        List<String> days = funnel.ages != null
                ? Arrays.stream(funnel.ages.split(",", -1)).map(String::trim).toList()
                : file.ages() != null ? file.ages().stream().map(String::valueOf).toList()
                : List.of("1", "7", "14", "30");
        return days.stream().map(day -> JobValues.age("--ages", day)).toList();
    }

    /** The defaults are {@link #prepare}'s, for job files that leave the table out. */
    @Override
    public List<TableNeeds> tableNeeds(FunnelJobFile file) {
        LayoutRequest layout = LayoutRequest.of(file);
        String table = Objects.requireNonNullElse(file.table(), layout.defaultTable());
        if (layout.actionRows()) {
            return List.of(TableNeeds.of(table, ActionRows.ACTIONS_COLUMNS, ActionRows.ACTIONS_INDEX_COLUMN),
                    TableNeeds.of(layout.namespacesTable(), ActionRows.NAMESPACES_COLUMNS,
                            ActionRows.NAMESPACES_INDEX_COLUMN));
        }
        Breakdown breakdown = file.breakdown() == null ? null : file.breakdown().checked("breakdown");
        // Without an actions list, every action column the catalog rule finds is read.
        var needs = new ArrayList<>(List.of(new TableNeeds(table, (catalog, name) -> {
            var columns = new ArrayList<>(ActionColumns.required(file.actions() == null ? catalog.actions(name)
                    : file.actions()));
            if (breakdown != null) {
                columns.add(new RequiredColumn(breakdown.table() == null ? breakdown.column() : breakdown.key(),
                        ColumnType.ANY));
            }
            return columns;
        }, Objects.requireNonNullElse(file.steps(), List.of()), List.of(ActionColumns.INDEX_COLUMN), null)));
        if (breakdown != null && breakdown.table() != null) {
            needs.add(TableNeeds.joined(breakdown.table(), SegmentColumn.joinedColumns(breakdown),
                    breakdown.tableKey()));
        }
        return needs;
    }

    @Override
    public List<String> warnings(FunnelJobFile file) {
        return file.steps() == null || file.steps().isEmpty()
                ? List.of("the job file names no steps, so every run needs --steps") : List.of();
    }

    @Override
    public String planKey() {
        return FunnelJobConfiguration.PLAN;
    }

    @Override
    public Object runFlags() {
        return new FunnelFlags();
    }

    @Override
    public List<String> tableKeys() {
        return List.of("table");
    }
}
