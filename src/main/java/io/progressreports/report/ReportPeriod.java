package io.progressreports.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** A reporting period [start, end) of calendar days; its instants depend on the zone (23- and 25-hour days). */
public record ReportPeriod(LocalDate start, LocalDate end) {

    public Instant startInstant(ZoneId zone) {
        return start.atStartOfDay(zone).toInstant();
    }

    public Instant endInstant(ZoneId zone) {
        return end.atStartOfDay(zone).toInstant();
    }

    /** Not cut by the range: a whole day, ISO week or month of {@code grain}. */
    public boolean isWhole(Grain grain) {
        return grain.periodStart(start).equals(start) && grain.nextPeriodStart(start).equals(end);
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(start) && day.isBefore(end);
    }
}
