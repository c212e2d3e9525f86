package io.progressreports.source;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.TimeZone;

/**
 * Times read from and bound to the source in the source zone, never the JVM's. pgjdbc reads and writes a
 * {@code timestamp without time zone} as a wall time in the calendar it is given (the JVM's default zone when given
 * none), and a {@code timestamp with time zone} as the instant it is, whatever the calendar: with the source zone's
 * calendar both kinds of column give the same instants under any TZ of the process. A bound instant goes out with
 * the zone's offset, which a naive column's comparison drops, leaving the wall time in the source zone.
 *
 * <p>Not thread-safe: one per reader (a partition's step is one thread).
 */
public final class SourceTimes {

    private final ZoneId zone;
    private final Calendar calendar;

    public SourceTimes(ZoneId zone) {
        this.zone = zone;
        this.calendar = new GregorianCalendar(TimeZone.getTimeZone(zone));
    }

    /** The column's time in epoch microseconds, {@link Micros#NONE} for SQL NULL. */
    public long micros(ResultSet rs, int column) throws SQLException {
        return Micros.of(rs.getTimestamp(column, calendar), zone);
    }

    public void bind(PreparedStatement statement, int index, Instant instant) throws SQLException {
        statement.setTimestamp(index, Timestamp.from(instant), calendar);
    }
}
