package io.progressreports.store;

import java.time.LocalDate;
import java.util.Map;

/** A job's stored days of aggregate {@code A}; callers own the transactions. */
public interface DayStore<A> {

    /** Starts a span afresh: every day of it stored empty and incomplete, with its detail rows gone. */
    void reset(LocalDate from, LocalDate to);

    Map<LocalDate, A> load(LocalDate from, LocalDate to);

    void save(LocalDate day, A aggregate);

    /** Marks a finished span's days complete, and final where no later row can change them. */
    void complete(LocalDate from, LocalDate to);
}
