package io.progressreports.report;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/** Cohort or period length: calendar days, ISO weeks (Monday first) or months, always in the report zone. */
public enum Grain {
    DAY, WEEK, MONTH;

    public static Grain parse(String text) {
        for (Grain grain : values()) {
            if (grain.label().equals(text)) {
                return grain;
            }
        }
        throw new IllegalArgumentException("grain must be day, week or month, not '" + text + "'");
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public LocalDate periodStart(LocalDate day) {
        return switch (this) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
        };
    }

    public LocalDate nextPeriodStart(LocalDate periodStart) {
        return switch (this) {
            case DAY -> periodStart.plusDays(1);
            case WEEK -> periodStart.plusWeeks(1);
            case MONTH -> periodStart.plusMonths(1);
        };
    }
}
