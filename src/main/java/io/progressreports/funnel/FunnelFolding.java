package io.progressreports.funnel;

import io.progressreports.source.Micros;
import io.progressreports.store.DayFolding;

import java.time.LocalDate;

/** Evaluated namespaces fold into their cohort day's aggregate. */
final class FunnelFolding implements DayFolding<ProgressRecord, FunnelDayAggregate> {

    private final FunnelDefinition definition;
    private final long[] ageLimits;

    FunnelFolding(FunnelDefinition definition) {
        this.definition = definition;
        this.ageLimits = definition.completionAges().stream().mapToLong(Micros::of).toArray();
    }

    @Override
    public LocalDate day(ProgressRecord record) {
        return record.cohortDay();
    }

    @Override
    public FunnelDayAggregate empty() {
        return FunnelDayAggregate.empty(definition);
    }

    @Override
    public void add(FunnelDayAggregate aggregate, ProgressRecord record) {
        aggregate.add(record, ageLimits);
    }
}
