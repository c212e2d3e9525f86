package io.progressreports.day;

import io.progressreports.report.DateRange;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class DayPlanTest {

    private static LocalDate day(int d) {
        return LocalDate.of(2026, 11, d);
    }

    @Test
    void computesOnlyDaysThatCannotBeReusedInSpansOfAtMostTheGivenLength() {
        DayPlan plan = DayPlan.of(day(1), day(20), Set.of(day(1), day(2), day(10)), 5, 2);
        assertThat(plan.spans()).containsExactly(new DateRange(day(3), day(7)), new DateRange(day(8), day(9)),
                new DateRange(day(11), day(15)), new DateRange(day(16), day(20)));
        assertThat(plan.reusedDays()).isEqualTo(3);
        assertThat(plan.computedDays()).isEqualTo(17);
    }

    @Test
    void spreadsFewDaysOverEveryThread() {
        assertThat(DayPlan.of(day(1), day(9), Set.of(), 46, 2).spans())
                .containsExactly(new DateRange(day(1), day(5)), new DateRange(day(6), day(9)));
        assertThat(DayPlan.of(day(1), day(30), Set.of(day(1), day(2), day(3), day(4)), 46, 4).spans())
                .extracting(DateRange::dayCount).containsExactly(7L, 7L, 7L, 5L);
        assertThat(DayPlan.of(day(1), day(1), Set.of(), 46, 2).spans())
                .containsExactly(new DateRange(day(1), day(1)));
        assertThat(DayPlan.of(day(1), day(9), Set.of(), 46, 1).spans())
                .containsExactly(new DateRange(day(1), day(9)));
    }

    @Test
    void survivesTheExecutionContextRoundTrip() {
        DayPlan plan = DayPlan.of(day(1), day(3), Set.of(day(2)), 7, 2);
        assertThat(DayPlan.decode(plan.encode())).isEqualTo(plan);
        DayPlan nothing = DayPlan.of(day(1), day(2), Set.of(day(1), day(2)), 7, 2);
        assertThat(nothing.spans()).isEmpty();
        assertThat(DayPlan.decode(nothing.encode())).isEqualTo(nothing);
    }
}
