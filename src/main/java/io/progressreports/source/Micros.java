package io.progressreports.source;

import org.postgresql.PGStatement;

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

    /** PostgreSQL's {@code infinity}: after every time, so comparisons with it stay right. */
    public static final long INFINITY = Long.MAX_VALUE;
    /** PostgreSQL's {@code -infinity}: before every time (and distinct from {@link #NONE}). */
    public static final long MINUS_INFINITY = Long.MIN_VALUE + 1;

    /** A JDBC timestamp to epoch microseconds, {@link #NONE} for SQL NULL. */
    public static long of(java.sql.Timestamp timestamp) {
        if (timestamp == null) {
            return NONE;
        }
        // pgjdbc reads the infinities as milliseconds near Long's limits: in microseconds they would wrap around.
        if (timestamp.getTime() == PGStatement.DATE_POSITIVE_INFINITY) {
            return INFINITY;
        }
        if (timestamp.getTime() == PGStatement.DATE_NEGATIVE_INFINITY) {
            return MINUS_INFINITY;
        }
        return Math.floorDiv(timestamp.getTime(), 1000L) * 1_000_000L + timestamp.getNanos() / 1_000;
    }

    /** Epoch microseconds to a JDBC timestamp that pgjdbc writes back as what was read: NULL, an infinity or a time. */
    public static java.sql.Timestamp toTimestamp(long micros) {
        if (micros == NONE) {
            return null;
        }
        if (micros == INFINITY) {
            return new java.sql.Timestamp(PGStatement.DATE_POSITIVE_INFINITY);
        }
        if (micros == MINUS_INFINITY) {
            return new java.sql.Timestamp(PGStatement.DATE_NEGATIVE_INFINITY);
        }
        return java.sql.Timestamp.from(toInstant(micros));
    }

    public static Instant toInstant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}
