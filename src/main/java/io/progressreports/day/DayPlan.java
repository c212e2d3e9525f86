package io.progressreports.day;

import io.progressreports.report.DateRange;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which days a run computes (in spans of contiguous days, the partitions) and which it reuses. Kept as
 * text in the job's execution context so a restart replays the same partitions.
 *
 * @param recomputed why the computed days are computed: reason ({@link DayReasons}) to days, in the order first met
 */
public record DayPlan(List<DateRange> spans, long reusedDays, Map<String, Long> recomputed) {

    /** Where a partition finds its span, in its step execution context. */
    public static final String SPAN_FROM = "span.from";
    public static final String SPAN_TO = "span.to";

    /**
     * The days from {@code first} to {@code lastDay}, inclusive; none when the last is before the first. Spans have
     * at most {@code maxSpanDays}, and fewer when the days to compute would otherwise leave some of the
     * {@code threads} idle: a month's backfill on two cores runs as two partitions side by side, not one.
     */
    public static DayPlan of(LocalDate first, LocalDate lastDay, Set<LocalDate> reusable, int maxSpanDays,
                             int threads) {
        long toCompute = lastDay.isBefore(first) ? 0
                : first.datesUntil(lastDay.plusDays(1)).filter(day -> !reusable.contains(day)).count();
        long spanDays = Math.min(maxSpanDays, Math.max(1, (toCompute + threads - 1) / threads));
        var spans = new ArrayList<DateRange>();
        LocalDate spanStart = null;
        long reused = 0;
        for (LocalDate day = first; !day.isAfter(lastDay); day = day.plusDays(1)) {
            boolean compute = !reusable.contains(day);
            if (!compute) {
                reused++;
            }
            if (compute && spanStart == null) {
                spanStart = day;
            }
            boolean spanFull = spanStart != null && day.toEpochDay() - spanStart.toEpochDay() + 1 >= spanDays;
            boolean spanEnds = spanStart != null && (!compute || spanFull || day.equals(lastDay));
            if (spanEnds) {
                spans.add(new DateRange(spanStart, compute ? day : day.minusDays(1)));
                spanStart = null;
            }
        }
        return new DayPlan(spans, reused, Map.of());
    }

    /** This plan with each computed day's reason counted. */
    public DayPlan because(Function<LocalDate, String> reason) {
        var counts = computed().collect(Collectors.groupingBy(reason, LinkedHashMap::new, Collectors.counting()));
        return new DayPlan(spans, reusedDays, counts);
    }

    /** For the log: "14 other source, 1 not final", or "none". */
    public String reasons() {
        return recomputed.isEmpty() ? "none" : recomputed.entrySet().stream()
                .map(entry -> entry.getValue() + " " + entry.getKey()).collect(Collectors.joining(", "));
    }

    public long computedDays() {
        return spans.stream().mapToLong(DateRange::dayCount).sum();
    }

    /** The days this run computes, in order. */
    public Stream<LocalDate> computed() {
        return spans.stream().flatMap(DateRange::days);
    }

    /** One partition per span, named after it. */
    public Map<String, ExecutionContext> partitions() {
        var partitions = new LinkedHashMap<String, ExecutionContext>();
        for (DateRange span : spans) {
            var context = new ExecutionContext();
            context.putString(SPAN_FROM, span.from().toString());
            context.putString(SPAN_TO, span.to().toString());
            partitions.put("span-" + span.label(), context);
        }
        return partitions;
    }

    public String encode() {
        return spans.stream().map(span -> span.from() + "/" + span.to()).collect(Collectors.joining(",")) + ";"
                + reusedDays + ";" + recomputed.entrySet().stream().map(entry -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining(","));
    }

    public static DayPlan decode(String text) {
        String[] parts = text.split(";", 3);
        List<DateRange> spans = parts[0].isEmpty() ? List.of() : Arrays.stream(parts[0].split(","))
                .map(span -> span.split("/"))
                .map(ends -> new DateRange(LocalDate.parse(ends[0]), LocalDate.parse(ends[1])))
                .toList();
        // Plans of runs from before reasons were kept have two parts.
        var recomputed = new LinkedHashMap<String, Long>();
        if (parts.length > 2 && !parts[2].isEmpty()) {
            Arrays.stream(parts[2].split(",")).map(reason -> reason.split("=", 2))
                    .forEach(reason -> recomputed.put(reason[0], Long.parseLong(reason[1])));
        }
        return new DayPlan(spans, Long.parseLong(parts[1]), recomputed);
    }
}
