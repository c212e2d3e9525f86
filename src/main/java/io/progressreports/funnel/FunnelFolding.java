package io.progressreports.funnel;

import io.progressreports.day.DayFolding;
import io.progressreports.failure.UsageException;
import io.progressreports.source.Micros;

import java.time.LocalDate;

/** Evaluated namespaces fold into their cohort day's aggregate. */
final class FunnelFolding implements DayFolding<OnboardingRecord, FunnelDayAggregate> {

    /**
     * Most segments one cohort day may hold. A breakdown is for a column of few values (a type, a plan, a country);
     * one of ids would store figures for every namespace, so the run stops instead, naming the column and the day.
     */
    static final int MAX_SEGMENTS_PER_DAY = 200;

    private final FunnelDefinition definition;
    private final SegmentColumn segment;
    private final long[] ageLimits;

    /** @param segment the breakdown's column, or null */
    FunnelFolding(FunnelDefinition definition, SegmentColumn segment) {
        this.definition = definition;
        this.segment = segment;
        this.ageLimits = definition.completionAges().stream().mapToLong(Micros::of).toArray();
    }

    @Override
    public LocalDate day(OnboardingRecord record) {
        return record.cohortDay();
    }

    @Override
    public FunnelDayAggregate empty() {
        return FunnelDayAggregate.empty(definition, segment != null);
    }

    @Override
    public void add(FunnelDayAggregate aggregate, OnboardingRecord record) {
        if (record instanceof NamespaceOutcome outcome && aggregate.isNewSegment(outcome.segment())
                && aggregate.segments().size() >= MAX_SEGMENTS_PER_DAY) {
            throw new UsageException("breakdown " + segment.label() + " has more than " + MAX_SEGMENTS_PER_DAY
                    + " values among the namespaces created on " + outcome.cohortDay() + ": a breakdown needs a "
                    + "column of few values (a type, a plan), not one like an id");
        }
        aggregate.add(record, ageLimits);
    }
}
