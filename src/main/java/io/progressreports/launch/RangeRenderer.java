package io.progressreports.launch;

import io.progressreports.day.DayPlan;
import io.progressreports.day.DayStore;
import io.progressreports.day.StoredDays;
import io.progressreports.report.DateRange;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Each stored day's rows over a report's range, taken as the report reads the days' aggregates (once, a period at a
 * time): the run's figures, its reject rate and its manifest need only these once the aggregates are gone.
 */
public final class RangeRenderer {

    private final SortedMap<LocalDate, DayRows> stored = new TreeMap<>();
    private final DayRows none;

    /** @param none the rows of a day the store does not have: zero, and zero of each of the kind's others */
    public RangeRenderer(DayRows none) {
        this.none = none;
    }

    /** Builds the report from the range's stored days, keeping each day's rows here. */
    public <A, R> R render(DayStore<A> store, DateRange range, Function<A, DayRows> rowsOf,
                           Function<StoredDays<A>, R> build) {
        try (var days = new StoredDays<>(store.stream(range.from(), range.to()),
                (day, aggregate) -> stored.put(day, rowsOf.apply(aggregate)))) {
            R report = build.apply(days);
            days.readToEnd();
            return report;
        }
    }

    /** Rows of the days the plan computed; reused days were counted by the runs that computed them. */
    public RunFigures figures(DayPlan plan) {
        return RunFigures.of(plan.computed().map(this::of).reduce(none, DayRows::plus), plan);
    }

    /** Over the whole range, reused days included. */
    public RejectRate rejectRate(BigDecimal threshold, String file) {
        return RejectRate.over(stored.values(), DayRows::rejected, DayRows::used, threshold, file);
    }

    /** The manifest's "computed_days". */
    public List<Map<String, Object>> computedDays(DayPlan plan) {
        return plan.computed().map(day -> RunFigures.day(day, of(day))).toList();
    }

    private DayRows of(LocalDate day) {
        return stored.getOrDefault(day, none);
    }
}
