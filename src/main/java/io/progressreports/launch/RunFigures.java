package io.progressreports.launch;

import io.progressreports.day.DayPlan;
import io.progressreports.report.Manifest;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/**
 * A run's totals: what its manifest says, kept in the job's execution context too, so {@code history} can show
 * them when the report folder has been replaced or deleted.
 *
 * @param untimed       transfer jobs only (completed steps without a timing row); null for a funnel
 * @param otherStatuses transfer jobs only (transfer rows whose status is not a completed one); null for a funnel
 */
public record RunFigures(long read, long used, long rejected, Long untimed, Long otherStatuses, long daysComputed,
                         long daysReused) {

    private static final String READ = "figures.rows.read";
    private static final String USED = "figures.rows.used";
    private static final String REJECTED = "figures.rows.rejected";
    private static final String UNTIMED = "figures.rows.untimed";
    private static final String OTHER_STATUSES = "figures.rows.otherStatuses";
    private static final String COMPUTED = "figures.days.computed";
    private static final String REUSED = "figures.days.reused";

    /** @param computed rows of the days the plan computed; reused days were counted by the runs that computed them */
    public static RunFigures of(DayRows computed, DayPlan plan) {
        return new RunFigures(computed.read(), computed.used(), computed.rejected(), computed.untimed(),
                computed.otherStatuses(),
                plan.computedDays(), plan.reusedDays());
    }

    /** The manifest's "rows". */
    public Map<String, Object> rows() {
        Map<String, Object> rows = Manifest.ordered("read", read, "used", used, "rejected", rejected);
        if (untimed != null) {
            rows.put("untimed", untimed);
        }
        if (otherStatuses != null) {
            rows.put("other_statuses", otherStatuses);
        }
        return rows;
    }

    /**
     * One entry of the manifest's "computed_days": a computed day's rows, read = used + rejected (+ untimed +
     * other_statuses), so a reader can check each day against SQL.
     */
    public static Map<String, Object> day(LocalDate day, DayRows stored) {
        Map<String, Object> rows = Manifest.ordered("day", day.toString(), "read", stored.read(), "used",
                stored.used(), "rejected", stored.rejected());
        if (stored.untimed() != null) {
            rows.put("untimed", stored.untimed());
        }
        if (stored.otherStatuses() != null) {
            rows.put("other_statuses", stored.otherStatuses());
        }
        return rows;
    }

    /** The manifest's "days". */
    public Map<String, Object> days() {
        return Manifest.ordered("computed", daysComputed, "reused", daysReused);
    }

    public void putInto(ExecutionContext context) {
        context.putLong(READ, read);
        context.putLong(USED, used);
        context.putLong(REJECTED, rejected);
        if (untimed != null) {
            context.putLong(UNTIMED, untimed);
        }
        if (otherStatuses != null) {
            context.putLong(OTHER_STATUSES, otherStatuses);
        }
        context.putLong(COMPUTED, daysComputed);
        context.putLong(REUSED, daysReused);
    }

    /** Empty for an execution that never reached its report. */
    public static Optional<RunFigures> from(ExecutionContext context) {
        if (!context.containsKey(READ)) {
            return Optional.empty();
        }
        return Optional.of(new RunFigures(context.getLong(READ), context.getLong(USED), context.getLong(REJECTED),
                context.containsKey(UNTIMED) ? context.getLong(UNTIMED) : null,
                context.containsKey(OTHER_STATUSES) ? context.getLong(OTHER_STATUSES) : null, context.getLong(COMPUTED),
                context.getLong(REUSED)));
    }
}
