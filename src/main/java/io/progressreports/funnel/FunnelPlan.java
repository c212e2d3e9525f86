package io.progressreports.funnel;

import io.progressreports.report.DateRange;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which cohort days a run computes (in spans of contiguous days, the partitions) and which it reuses. Kept as
 * text in the job's execution context so a restart replays the same partitions.
 */
public record FunnelPlan(List<DateRange> spans, long reusedDays) {

    public static FunnelPlan of(DateRange range, LocalDate lastDay, Set<LocalDate> reusable, int maxSpanDays) {
        var spans = new ArrayList<DateRange>();
        LocalDate spanStart = null;
        long reused = 0;
        for (LocalDate day = range.from(); !day.isAfter(lastDay); day = day.plusDays(1)) {
            boolean compute = !reusable.contains(day);
            if (!compute) {
                reused++;
            }
            if (compute && spanStart == null) {
                spanStart = day;
            }
            boolean spanFull = spanStart != null && day.toEpochDay() - spanStart.toEpochDay() + 1 >= maxSpanDays;
            boolean spanEnds = spanStart != null && (!compute || spanFull || day.equals(lastDay));
            if (spanEnds) {
                spans.add(new DateRange(spanStart, compute ? day : day.minusDays(1)));
                spanStart = null;
            }
        }
        return new FunnelPlan(spans, reused);
    }

    public long computedDays() {
        return spans.stream().mapToLong(DateRange::dayCount).sum();
    }

    public String encode() {
        return spans.stream().map(span -> span.from() + "/" + span.to()).collect(Collectors.joining(",")) + ";"
                + reusedDays;
    }

    public static FunnelPlan decode(String text) {
        String[] parts = text.split(";", 2);
        List<DateRange> spans = parts[0].isEmpty() ? List.of() : Arrays.stream(parts[0].split(","))
                .map(span -> span.split("/"))
                .map(ends -> new DateRange(LocalDate.parse(ends[0]), LocalDate.parse(ends[1])))
                .toList();
        return new FunnelPlan(spans, Long.parseLong(parts[1]));
    }
}
