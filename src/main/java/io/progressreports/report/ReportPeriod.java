package io.progressreports.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * A reporting period [start, end) of calendar days; its instants depend on the zone (23- and 25-hour days).
 *
 * @param partial the range cut it: fewer days than its whole day, ISO week or month, so its counts are not
 *                comparable with its neighbours' (the CSVs' {@code partial} column)
 */
public record ReportPeriod(LocalDate start, LocalDate end, boolean partial) {

    public Instant startInstant(ZoneId zone) {
        return start.atStartOfDay(zone).toInstant();
    }

    public Instant endInstant(ZoneId zone) {
        return end.atStartOfDay(zone).toInstant();
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(start) && day.isBefore(end);
    }
}
