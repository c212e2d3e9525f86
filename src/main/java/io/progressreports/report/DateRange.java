package io.progressreports.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** An inclusive range of calendar days, as given on the command line. */
public record DateRange(LocalDate from, LocalDate to) {

    public DateRange {
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("--from " + from + " is after --to " + to);
        }
    }

    /** From the first range's start to the last one's end: ranges in order, at least one. */
    public static DateRange covering(List<DateRange> ranges) {
        return new DateRange(ranges.get(0).from(), ranges.get(ranges.size() - 1).to());
    }

    public Stream<LocalDate> days() {
        return from.datesUntil(to.plusDays(1));
    }

    public long dayCount() {
        return to.toEpochDay() - from.toEpochDay() + 1;
    }

    /** The range cut into grain periods; the first and last are clipped to the range, so may be partial. */
    public List<ReportPeriod> periods(Grain grain) {
        var periods = new ArrayList<ReportPeriod>();
        LocalDate end = to.plusDays(1);
        for (LocalDate start = grain.periodStart(from); start.isBefore(end); start = grain.nextPeriodStart(start)) {
            LocalDate next = grain.nextPeriodStart(start);
            boolean partial = start.isBefore(from) || next.isAfter(end);
            periods.add(new ReportPeriod(start.isBefore(from) ? from : start, next.isAfter(end) ? end : next,
                    partial));
        }
        return periods;
    }

    /** Folder name of a report over this range. */
    public String label() {
        return from + "_" + to;
    }
}
