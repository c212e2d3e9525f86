package io.progressreports.source;

import org.postgresql.PGStatement;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.TimeZone;
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

    /**
     * java.sql.Timestamp (and so pgjdbc) counts days before 1582-10-15 in the Julian calendar, PostgreSQL in the
     * proleptic Gregorian one: for earlier times the instant is rebuilt from the fields, which pgjdbc keeps as
     * PostgreSQL wrote them (year 1 would otherwise be 2 days off, 4713 BC 38).
     */
    private static final long GREGORIAN_CUTOVER = java.sql.Timestamp.valueOf("1582-10-16 00:00:00").getTime();

    /** A JDBC timestamp read with the default calendar to epoch microseconds, {@link #NONE} for SQL NULL. */
    public static long of(java.sql.Timestamp timestamp) {
        return of(timestamp, ZoneId.systemDefault());
    }

    /**
     * A JDBC timestamp read with a calendar in {@code zone} to epoch microseconds, {@link #NONE} for SQL NULL. Only
     * times before the Gregorian cutover depend on the zone, whose fields pgjdbc built the timestamp from.
     */
    public static long of(java.sql.Timestamp timestamp, ZoneId zone) {
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
        if (timestamp.getTime() < GREGORIAN_CUTOVER) {
            var julian = new GregorianCalendar(TimeZone.getTimeZone(zone));
            julian.setTimeInMillis(timestamp.getTime());
            int year = julian.get(Calendar.ERA) == GregorianCalendar.BC ? 1 - julian.get(Calendar.YEAR)
                    : julian.get(Calendar.YEAR);
            return of(LocalDateTime.of(year, julian.get(Calendar.MONTH) + 1, julian.get(Calendar.DAY_OF_MONTH),
                    julian.get(Calendar.HOUR_OF_DAY), julian.get(Calendar.MINUTE), julian.get(Calendar.SECOND),
                    timestamp.getNanos()).atZone(zone).toInstant());
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
        Instant instant = toInstant(micros);
        if (instant.toEpochMilli() < GREGORIAN_CUTOVER) {
            LocalDateTime fields = LocalDateTime.ofInstant(instant, ZoneId.systemDefault());
            var julian = new GregorianCalendar();
            julian.clear();
            julian.set(Calendar.ERA, fields.getYear() < 1 ? GregorianCalendar.BC : GregorianCalendar.AD);
            julian.set(Math.abs(fields.getYear() - (fields.getYear() < 1 ? 1 : 0)), fields.getMonthValue() - 1,
                    fields.getDayOfMonth(), fields.getHour(), fields.getMinute(), fields.getSecond());
            var timestamp = new java.sql.Timestamp(julian.getTimeInMillis());
            timestamp.setNanos(fields.getNano());
            return timestamp;
        }
        return java.sql.Timestamp.from(instant);
    }

    /** A time that is neither NULL nor an infinity: one a duration can be measured from, or a day found for. */
    public static boolean isFinite(long micros) {
        return micros != NONE && micros != INFINITY && micros != MINUS_INFINITY;
    }

    /** As a CSV shows it: ISO-8601, {@code infinity} or {@code -infinity} as PostgreSQL writes them, blank for NULL. */
    public static String text(long micros) {
        if (micros == NONE) {
            return "";
        }
        if (micros == INFINITY) {
            return "infinity";
        }
        return micros == MINUS_INFINITY ? "-infinity" : toInstant(micros).toString();
    }

    public static Instant toInstant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}
