package io.progressreports.day;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** A job's stored days of aggregate {@code A}; callers own the transactions. */
public interface DayStore<A> {

    /** Days per round trip of {@link #stream}: a month's, so that a month's period is one fetch. */
    int FETCH_DAYS = 31;

    /** Starts a span afresh: every day of it stored empty and incomplete, with its detail rows gone. */
    void reset(LocalDate from, LocalDate to);

    /**
     * The span's stored days in date order, fetched a few at a time inside a transaction: close the stream (a
     * report reads a year of them through {@link StoredDays}, one period at a time).
     */
    Stream<Map.Entry<LocalDate, A>> stream(LocalDate from, LocalDate to);

    default Optional<A> load(LocalDate day) {
        try (Stream<Map.Entry<LocalDate, A>> days = stream(day, day)) {
            return days.findFirst().map(Map.Entry::getValue);
        }
    }

    void save(LocalDate day, A aggregate);

    /** Marks a finished span's days complete, and final where no later row can change them. */
    void complete(LocalDate from, LocalDate to);
}
