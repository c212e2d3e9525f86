package io.progressreports.funnel;

import io.progressreports.day.DayFolding;
import io.progressreports.source.Micros;

import java.time.LocalDate;

/** Evaluated namespaces fold into their cohort day's aggregate. */
final class FunnelFolding implements DayFolding<OnboardingRecord, FunnelDayAggregate> {

    private final FunnelDefinition definition;
    private final long[] ageLimits;

    FunnelFolding(FunnelDefinition definition) {
        this.definition = definition;
        this.ageLimits = definition.completionAges().stream().mapToLong(Micros::of).toArray();
    }

    @Override
    public LocalDate day(OnboardingRecord record) {
        return record.cohortDay();
    }

    @Override
    public FunnelDayAggregate empty() {
        return FunnelDayAggregate.empty(definition);
    }

    @Override
    public void add(FunnelDayAggregate aggregate, OnboardingRecord record) {
        aggregate.add(record, ageLimits);
    }
}
