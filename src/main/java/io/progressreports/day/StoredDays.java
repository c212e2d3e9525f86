package io.progressreports.day;

import io.progressreports.report.ReportPeriod;

import java.time.LocalDate;
import java.util.Iterator;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A job's stored days read once, in date order, and handed out a period at a time, so a report holds one period's
 * aggregates rather than the whole range's: a year of days is a few hundred megabytes of histograms once decoded.
 * Every day read is shown to {@code seen} first, which keeps whatever small figures the run needs of it.
 *
 * @param <A> the job's day aggregate
 */
public final class StoredDays<A> implements AutoCloseable {

    private final Stream<Map.Entry<LocalDate, A>> stream;
    private final Iterator<Map.Entry<LocalDate, A>> days;
    private final BiConsumer<LocalDate, A> seen;
    private Map.Entry<LocalDate, A> next;

    /** @param days in ascending date order, each date once */
    public StoredDays(Stream<Map.Entry<LocalDate, A>> days, BiConsumer<LocalDate, A> seen) {
        this.stream = days;
        this.days = days.iterator();
        this.seen = seen;
        advance();
    }

    /**
     * The days of {@code period} merged into one aggregate: {@code empty} when it has none, else its first day with
     * the others merged into it (the days are this reader's own, so a one-day period costs no copy). Periods must
     * be asked for in order; days before {@code period} are passed over.
     */
    public A merged(ReportPeriod period, Supplier<A> empty, BiConsumer<A, A> mergeInto) {
        A merged = null;
        while (next != null && next.getKey().isBefore(period.end())) {
            if (period.contains(next.getKey())) {
                if (merged == null) {
                    merged = next.getValue();
                } else {
                    mergeInto.accept(merged, next.getValue());
                }
            }
            advance();
        }
        return merged == null ? empty.get() : merged;
    }

    /**
     * The days of {@code period} each merged into {@code into}, none of them kept: for a merge that changes what it
     * takes in (a report folding a day's segments into those it shows), which the first day would escape.
     */
    public A mergedInto(ReportPeriod period, A into, BiConsumer<A, A> mergeInto) {
        while (next != null && next.getKey().isBefore(period.end())) {
            if (period.contains(next.getKey())) {
                mergeInto.accept(into, next.getValue());
            }
            advance();
        }
        return into;
    }

    /** Reads the days no period asked for, so that {@code seen} has been shown every stored day. */
    public void readToEnd() {
        while (next != null) {
            advance();
        }
    }

    private void advance() {
        next = days.hasNext() ? days.next() : null;
        if (next != null) {
            seen.accept(next.getKey(), next.getValue());
        }
    }

    @Override
    public void close() {
        stream.close();
    }
}
