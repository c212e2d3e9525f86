package io.progressreports.report;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DateRangeTest {

    @Test
    void partialPeriodsFlaggedExactlyWhereTheRangeCutsAPeriod() {
        // --last 90 run on Thursday 2026-12-03: Friday 2026-09-04 to Wednesday 2026-12-02.
        var last90 = new DateRange(LocalDate.of(2026, 9, 4), LocalDate.of(2026, 12, 2));
        assertThat(last90.dayCount()).isEqualTo(90);

        List<ReportPeriod> weeks = last90.periods(Grain.WEEK);
        assertThat(weeks.get(0)).as("a 3-day first week, Friday to Sunday")
                .isEqualTo(new ReportPeriod(LocalDate.of(2026, 9, 4), LocalDate.of(2026, 9, 7), true));
        assertThat(weeks.get(weeks.size() - 1)).as("Monday to Wednesday: the range ends mid-week")
                .isEqualTo(new ReportPeriod(LocalDate.of(2026, 11, 30), LocalDate.of(2026, 12, 3), true));
        assertThat(weeks.subList(1, weeks.size() - 1)).hasSize(12).noneMatch(ReportPeriod::partial)
                .allMatch(week -> week.end().equals(week.start().plusWeeks(1)));

        assertThat(last90.periods(Grain.MONTH)).as("a 2-day December").containsExactly(
                new ReportPeriod(LocalDate.of(2026, 9, 4), LocalDate.of(2026, 10, 1), true),
                new ReportPeriod(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 11, 1), false),
                new ReportPeriod(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 12, 1), false),
                new ReportPeriod(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 3), true));

        assertThat(last90.periods(Grain.DAY)).as("the range never cuts a day").hasSize(90)
                .noneMatch(ReportPeriod::partial);
    }

    @Test
    void aRangeOnPeriodBoundariesHasNoPartialPeriod() {
        // Monday 2026-06-01 to Sunday 2026-08-30; also June to August whole.
        assertThat(new DateRange(LocalDate.of(2026, 6, 1), LocalDate.of(2026, 8, 30)).periods(Grain.WEEK))
                .hasSize(13).noneMatch(ReportPeriod::partial);
        assertThat(new DateRange(LocalDate.of(2026, 6, 1), LocalDate.of(2026, 8, 31)).periods(Grain.MONTH))
                .hasSize(3).noneMatch(ReportPeriod::partial);
        // February is short, not partial.
        assertThat(new DateRange(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 2, 28)).periods(Grain.MONTH))
                .containsExactly(new ReportPeriod(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 3, 1), false));
        // A single week, cut at both ends.
        assertThat(new DateRange(LocalDate.of(2026, 6, 2), LocalDate.of(2026, 6, 4)).periods(Grain.WEEK))
                .containsExactly(new ReportPeriod(LocalDate.of(2026, 6, 2), LocalDate.of(2026, 6, 5), true));
    }
}
