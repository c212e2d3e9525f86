package io.progressreports.day;

import io.progressreports.report.ReportPeriod;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class StoredDaysTest {

    private static LocalDate day(int d) {
        return LocalDate.of(2026, 11, d);
    }

    private static Map.Entry<LocalDate, List<Integer>> stored(int d) {
        return Map.entry(day(d), new ArrayList<>(List.of(d)));
    }

    @Test
    void mergesEachPeriodsDaysIntoItsFirstAndPassesOverDaysBetweenPeriods() {
        List<LocalDate> seen = new ArrayList<>();
        var first = stored(2);
        try (var days = new StoredDays<>(Stream.of(first, stored(3), stored(5), stored(9), stored(12)),
                (day, aggregate) -> seen.add(day))) {
            List<Integer> week = days.merged(new ReportPeriod(day(2), day(4), false), ArrayList::new, List::addAll);
            assertThat(week).containsExactly(2, 3);
            assertThat(week).isSameAs(first.getValue());
            assertThat(days.merged(new ReportPeriod(day(6), day(9), false), ArrayList::new, List::addAll)).isEmpty();
            assertThat(days.merged(new ReportPeriod(day(9), day(10), false), ArrayList::new, List::addAll))
                    .containsExactly(9);
            assertThat(seen).containsExactly(day(2), day(3), day(5), day(9), day(12));
        }
    }

    @Test
    void readsToTheEndForTheDaysNoPeriodAskedFor() {
        List<LocalDate> seen = new ArrayList<>();
        try (var days = new StoredDays<>(Stream.of(stored(2), stored(20), stored(21)),
                (day, aggregate) -> seen.add(day))) {
            days.merged(new ReportPeriod(day(1), day(3), false), ArrayList::new, List::addAll);
            days.readToEnd();
        }
        assertThat(seen).containsExactly(day(2), day(20), day(21));
    }

    @Test
    void closingClosesTheStoresStream() {
        var closed = new AtomicBoolean();
        new StoredDays<>(Stream.of(stored(2)).onClose(() -> closed.set(true)), (day, aggregate) -> { }).close();
        assertThat(closed).isTrue();
    }
}
