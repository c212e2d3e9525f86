package io.progressreports.source;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** Epoch microseconds, PostgreSQL's timestamp resolution. */
public final class Micros {

    /** Stands for SQL NULL in arrays of times, where a boxed null would cost an object per value. */
    public static final long NONE = Long.MIN_VALUE;

    private Micros() {
    }

    public static long of(Instant instant) {
        return TimeUnit.SECONDS.toMicros(instant.getEpochSecond()) + instant.getNano() / 1_000;
    }

    public static long of(Duration duration) {
        return TimeUnit.SECONDS.toMicros(duration.getSeconds()) + duration.getNano() / 1_000;
    }

    /** A JDBC timestamp to epoch microseconds, {@link #NONE} for SQL NULL. */
    public static long of(java.sql.Timestamp timestamp) {
        if (timestamp == null) {
            return NONE;
        }
        return Math.floorDiv(timestamp.getTime(), 1000L) * 1_000_000L + timestamp.getNanos() / 1_000;
    }

    public static Instant toInstant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}
