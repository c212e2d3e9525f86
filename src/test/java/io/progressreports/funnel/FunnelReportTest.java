package io.progressreports.funnel;

import io.progressreports.day.StoredDays;
import io.progressreports.job.FunnelOrder;
import io.progressreports.report.DateRange;
import io.progressreports.report.Grain;
import io.progressreports.report.ReportPeriod;
import io.progressreports.source.Micros;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class FunnelReportTest {

    private static final List<String> ACTIONS = List.of("git_write", "merge_request_created");
    private static final FunnelDefinition DEFINITION = new FunnelDefinition(ACTIONS, ACTIONS, Duration.ofDays(7),
            FunnelOrder.SEQUENTIAL, List.of(Duration.ofDays(1), Duration.ofDays(7)));

    private final Map<LocalDate, FunnelDayAggregate> days = new HashMap<>();

    private void add(ZoneId zone, Instant asOf, Instant created, Duration... actionDelays) {
        long[] times = {OnboardingRow.NONE, OnboardingRow.NONE};
        for (int i = 0; i < actionDelays.length; i++) {
            times[i] = Micros.of(created.plus(actionDelays[i]));
        }
        OnboardingRecord record = new FunnelEvaluator(DEFINITION, zone, asOf)
                .evaluate(new OnboardingRow(1, 1L, Micros.of(created), times, null));
        long[] ages = DEFINITION.completionAges().stream().mapToLong(Micros::of).toArray();
        days.computeIfAbsent(record.cohortDay(), d -> FunnelDayAggregate.empty(DEFINITION)).add(record, ages);
    }

    @Test
    void aWeekSplitByFromStartsAtFromAndCountsOnlyDaysInRange() {
        Instant asOf = Instant.parse("2026-12-01T00:00:00Z");
        add(ZoneOffset.UTC, asOf, Instant.parse("2026-11-02T10:00:00Z"), Duration.ofHours(1)); // Monday, before from
        add(ZoneOffset.UTC, asOf, Instant.parse("2026-11-04T10:00:00Z"), Duration.ofHours(1)); // Wednesday
        add(ZoneOffset.UTC, asOf, Instant.parse("2026-11-05T10:00:00Z"));
        var range = new DateRange(LocalDate.of(2026, 11, 4), LocalDate.of(2026, 11, 10));

        FunnelReport report = FunnelReport.build(DEFINITION, stored(), range, Grain.WEEK, ZoneOffset.UTC, asOf, 0, null);

        FunnelReport.FunnelRow first = report.funnel().get(0);
        assertThat(first.cohort()).isEqualTo(new ReportPeriod(LocalDate.of(2026, 11, 4), LocalDate.of(2026, 11, 9),
                true));
        assertThat(first.namespaces()).isEqualTo(2);
        assertThat(report.funnel().get(1).namespaces()).isEqualTo(1);
        assertThat(report.funnel().get(1).fromStart()).isEqualTo(0.5);
        assertThat(report.funnel().get(3).cohort())
                .isEqualTo(new ReportPeriod(LocalDate.of(2026, 11, 9), LocalDate.of(2026, 11, 11), true));
        assertThat(report.summary().get(0).namespaces()).isEqualTo(2);
    }

    @Test
    void maturityOfADstDayUsesItsTwentyThreeHours() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        // 2026-03-29 is 23 hours long in Berlin: it ends at 2026-03-29T22:00Z, a week later is 04-05T22:00Z.
        var cohort = new ReportPeriod(LocalDate.of(2026, 3, 29), LocalDate.of(2026, 3, 30), false);
        assertThat(FunnelReport.isMature(cohort, Duration.ofDays(7), berlin, Instant.parse("2026-04-05T22:00:00Z")))
                .isTrue();
        assertThat(FunnelReport.isMature(cohort, Duration.ofDays(7), berlin, Instant.parse("2026-04-05T21:59:59Z")))
                .isFalse();
    }

    @Test
    void immatureCohortsAreMarkedAndAgesMatureOneByOne() {
        Instant asOf = Instant.parse("2026-11-04T00:00:00Z");
        add(ZoneOffset.UTC, asOf, Instant.parse("2026-11-01T10:00:00Z"), Duration.ofHours(2));
        var range = new DateRange(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 1));

        FunnelReport report = FunnelReport.build(DEFINITION, stored(), range, Grain.DAY, ZoneOffset.UTC, asOf, 0, null);

        assertThat(report.funnel()).allMatch(row -> !row.mature());
        assertThat(report.completion()).extracting(FunnelReport.CompletionRow::mature)
                .containsExactly(true, false, true, false);
        assertThat(report.completion().get(0).completed()).isEqualTo(1);
        assertThat(report.funnel().get(1).medianHours()).isCloseTo(2.0, within(0.002));
    }

    @Test
    void periodsAfterAsOfAreLeftOutAndEmptyCohortsHaveNoRates() {
        Instant asOf = Instant.parse("2026-11-03T12:00:00Z");
        var range = new DateRange(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 10));

        FunnelReport report = FunnelReport.build(DEFINITION, stored(), range, Grain.DAY, ZoneOffset.UTC, asOf, 0, null);

        assertThat(report.funnel()).hasSize(3 * 3);
        assertThat(report.funnel().get(0).fromStart()).isNaN();
        assertThat(report.funnel().get(0).medianHours()).isNaN();
    }

    private StoredDays<FunnelDayAggregate> stored() {
        return new StoredDays<>(new TreeMap<>(days).entrySet().stream(), (day, aggregate) -> { });
    }
}
