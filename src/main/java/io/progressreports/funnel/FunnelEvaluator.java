package io.progressreports.funnel;

import io.progressreports.job.FunnelOrder;
import io.progressreports.source.Micros;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;

/** Applies design.md's funnel semantics to one row. Pure: no I/O, safe to share between threads. */
public final class FunnelEvaluator {

    static final String MISSING_NAMESPACE = "missing_namespace_id";
    static final List<String> REJECT_REASONS = List.of(MISSING_NAMESPACE);

    private final ZoneId zone;
    private final long asOf;
    private final long window;
    private final boolean sequential;
    private final int[] stepColumns;
    private final int actionCount;

    public FunnelEvaluator(FunnelDefinition definition, ZoneId zone, Instant asOf) {
        this.zone = zone;
        this.asOf = Micros.of(asOf);
        this.window = Micros.of(definition.window());
        this.sequential = definition.order() == FunnelOrder.SEQUENTIAL;
        this.stepColumns = definition.steps().stream().mapToInt(definition.actions()::indexOf).toArray();
        this.actionCount = definition.actions().size();
    }

    public OnboardingRecord evaluate(OnboardingRow row) {
        LocalDate day = Micros.toInstant(row.createdAt()).atZone(zone).toLocalDate();
        if (row.namespaceId() == null) {
            return new RejectedRow(row.id(), day, MISSING_NAMESPACE);
        }
        long created = row.createdAt();
        long[] effective = new long[actionCount];
        long[] delay = new long[actionCount];
        for (int k = 0; k < actionCount; k++) {
            long at = row.actionTimes()[k];
            if (at == OnboardingRow.NONE) {
                effective[k] = OnboardingRow.NONE;
            } else if (at > asOf) {
                effective[k] = OnboardingRow.NONE;
            } else {
                effective[k] = Math.max(at, created);
            }
            delay[k] = effective[k] == OnboardingRow.NONE ? OnboardingRow.NONE : effective[k] - created;
        }
        return new NamespaceOutcome(row.namespaceId(), day, created, stepTimes(created, effective), delay,
                row.actionTimes(), row.segment());
    }

    private long[] stepTimes(long created, long[] effective) {
        long[] times = new long[stepColumns.length + 1];
        times[0] = created;
        int reached = 1;
        for (int column : stepColumns) {
            long at = effective[column];
            boolean done = at != OnboardingRow.NONE && at - created <= window
                    && (!sequential || at >= times[reached - 1]);
            if (!done) {
                break;
            }
            times[reached++] = at;
        }
        return Arrays.copyOf(times, reached);
    }
}
