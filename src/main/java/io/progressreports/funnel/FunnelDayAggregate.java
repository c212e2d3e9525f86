package io.progressreports.funnel;

import io.progressreports.launch.DayRows;
import io.progressreports.report.Percentiles;
import org.HdrHistogram.DoubleHistogram;

import java.util.Map;
import java.util.TreeMap;

/**
 * Everything the report needs about one cohort day: mergeable, so weeks and months are sums of days and a
 * day can be built up chunk by chunk.
 */
public final class FunnelDayAggregate {

    private static final double MICROS_PER_HOUR = 3_600_000_000.0;

    private long namespaces;
    private final long[] reached;
    private final DoubleHistogram[] hoursToStep;
    private final long[][] completed;
    private final long[] beforeCreation;
    private final LateActions afterAsOf;
    private final Map<String, Long> rejected;

    public FunnelDayAggregate(int steps, int actions, int ages) {
        this(0, new long[steps], histograms(steps), new long[actions][ages], new long[actions],
                new LateActions(actions), new TreeMap<>());
    }

    public FunnelDayAggregate(long namespaces, long[] reached, DoubleHistogram[] hoursToStep, long[][] completed,
                              long[] beforeCreation, LateActions afterAsOf, Map<String, Long> rejected) {
        this.namespaces = namespaces;
        this.reached = reached;
        this.hoursToStep = hoursToStep;
        this.completed = completed;
        this.beforeCreation = beforeCreation;
        this.afterAsOf = afterAsOf;
        this.rejected = new TreeMap<>(rejected);
    }

    private static DoubleHistogram[] histograms(int count) {
        var histograms = new DoubleHistogram[count];
        for (int i = 0; i < count; i++) {
            histograms[i] = Percentiles.newHistogram();
        }
        return histograms;
    }

    public static FunnelDayAggregate empty(FunnelDefinition definition) {
        return new FunnelDayAggregate(definition.stepCount(), definition.actions().size(),
                definition.completionAges().size());
    }

    /** @param ageLimits completion ages in microseconds, in {@link FunnelDefinition#completionAges()} order */
    public void add(OnboardingRecord record, long[] ageLimits) {
        if (record instanceof RejectedRow row) {
            rejected.merge(row.reason(), 1L, Long::sum);
            return;
        }
        var outcome = (NamespaceOutcome) record;
        namespaces++;
        for (int step = 0; step < outcome.stepsReached(); step++) {
            reached[step]++;
            Percentiles.record(hoursToStep[step], outcome.microsToStep(step) / MICROS_PER_HOUR, 1);
        }
        for (int action = 0; action < completed.length; action++) {
            long delay = outcome.completionDelay()[action];
            if (delay == OnboardingRow.NONE) {
                continue;
            }
            for (int age = 0; age < ageLimits.length; age++) {
                if (delay <= ageLimits[age]) {
                    completed[action][age]++;
                }
            }
            if (outcome.beforeCreation(action)) {
                beforeCreation[action]++;
            }
        }
        for (int action = 0; action < beforeCreation.length; action++) {
            if (outcome.afterAsOf(action)) {
                afterAsOf.add(action, outcome.recorded()[action]);
            }
        }
    }

    public void merge(FunnelDayAggregate other) {
        namespaces += other.namespaces;
        for (int step = 0; step < reached.length; step++) {
            reached[step] += other.reached[step];
            Percentiles.add(hoursToStep[step], other.hoursToStep[step]);
        }
        for (int action = 0; action < completed.length; action++) {
            for (int age = 0; age < completed[action].length; age++) {
                completed[action][age] += other.completed[action][age];
            }
            beforeCreation[action] += other.beforeCreation[action];
        }
        afterAsOf.addAll(other.afterAsOf);
        other.rejected.forEach((reason, count) -> rejected.merge(reason, count, Long::sum));
    }

    public long namespaces() {
        return namespaces;
    }

    public long rejectedRows() {
        return rejected.values().stream().mapToLong(Long::longValue).sum();
    }

    public DayRows rows() {
        return new DayRows(namespaces, rejectedRows(), Map.of());
    }

    public long[] reached() {
        return reached;
    }

    public DoubleHistogram[] hoursToStep() {
        return hoursToStep;
    }

    public long[][] completed() {
        return completed;
    }

    public long[] beforeCreation() {
        return beforeCreation;
    }

    public LateActions afterAsOf() {
        return afterAsOf;
    }

    public Map<String, Long> rejected() {
        return rejected;
    }
}
