package io.progressreports.compare;

import java.time.LocalDate;

/** A period's share: {@code count} of {@code of}, for example the namespaces of a cohort that reached a step. */
public record Share(LocalDate start, LocalDate end, long count, long of) {

    public Share {
        if (count < 0 || of < count) {
            throw new IllegalArgumentException("a share needs 0 <= count <= of, not " + count + " of " + of);
        }
    }

    public double rate() {
        return of == 0 ? Double.NaN : (double) count / of;
    }
}
