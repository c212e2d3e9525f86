package io.progressreports.day;

import java.time.LocalDate;

/** How records of type {@code R} fold into a day's aggregate of type {@code A}. */
public interface DayFolding<R, A> {

    LocalDate day(R record);

    A empty();

    void add(A aggregate, R record);
}
