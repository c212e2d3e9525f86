package io.progressreports.launch;

import io.progressreports.day.DayPlan;
import io.progressreports.report.Manifest;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A run's totals: what its manifest says, kept in the job's execution context too, so {@code history} can show
 * them when the report folder has been replaced or deleted.
 *
 * @param rows the rows of the days the run computed
 */
public record RunFigures(DayRows rows, long daysComputed, long daysReused) {

    private static final String ROWS = "figures.rows.";
    private static final String READ = ROWS + "read";
    private static final String USED = ROWS + "used";
    private static final String REJECTED = ROWS + "rejected";
    private static final String COMPUTED = "figures.days.computed";
    private static final String REUSED = "figures.days.reused";

    /** @param computed rows of the days the plan computed; reused days were counted by the runs that computed them */
    public static RunFigures of(DayRows computed, DayPlan plan) {
        return new RunFigures(computed, plan.computedDays(), plan.reusedDays());
    }

    public long read() {
        return rows.read();
    }

    public long rejected() {
        return rows.rejected();
    }

    /** The manifest's "rows". */
    public Map<String, Object> manifestRows() {
        Map<String, Object> manifest = Manifest.ordered("read", rows.read(), "used", rows.used(), "rejected",
                rows.rejected());
        manifest.putAll(rows.others());
        return manifest;
    }

    /**
     * One entry of the manifest's "computed_days": a computed day's rows, read = used + rejected (+ the kind's
     * others), so a reader can check each day against SQL.
     */
    public static Map<String, Object> day(LocalDate day, DayRows stored) {
        Map<String, Object> rows = Manifest.ordered("day", day.toString(), "read", stored.read(), "used",
                stored.used(), "rejected", stored.rejected());
        rows.putAll(stored.others());
        return rows;
    }

    /** The manifest's "days". */
    public Map<String, Object> days() {
        return Manifest.ordered("computed", daysComputed, "reused", daysReused);
    }

    public void putInto(ExecutionContext context) {
        context.putLong(READ, rows.read());
        context.putLong(USED, rows.used());
        context.putLong(REJECTED, rows.rejected());
        rows.others().forEach((name, count) -> context.putLong(ROWS + name, count));
        context.putLong(COMPUTED, daysComputed);
        context.putLong(REUSED, daysReused);
    }

    /** Empty for an execution that never reached its report. */
    public static Optional<RunFigures> from(ExecutionContext context) {
        if (!context.containsKey(READ)) {
            return Optional.empty();
        }
        var others = new LinkedHashMap<String, Long>();
        context.entrySet().stream()
                .filter(entry -> entry.getKey().startsWith(ROWS) && !entry.getKey().equals(READ)
                        && !entry.getKey().equals(USED) && !entry.getKey().equals(REJECTED))
                .forEach(entry -> others.put(entry.getKey().substring(ROWS.length()), (Long) entry.getValue()));
        return Optional.of(new RunFigures(new DayRows(context.getLong(USED), context.getLong(REJECTED), others),
                context.getLong(COMPUTED), context.getLong(REUSED)));
    }
}
