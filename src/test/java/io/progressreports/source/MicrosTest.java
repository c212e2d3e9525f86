package io.progressreports.source;

import org.junit.jupiter.api.Test;
import org.postgresql.PGStatement;

import java.sql.Timestamp;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class MicrosTest {

    @Test
    void infinitiesAsPgjdbcReadsThemStayBeyondEveryTimeInsteadOfWrappingAround() {
        long infinity = Micros.of(new Timestamp(PGStatement.DATE_POSITIVE_INFINITY));
        long minusInfinity = Micros.of(new Timestamp(PGStatement.DATE_NEGATIVE_INFINITY));
        long year9999 = Micros.of(Timestamp.from(Instant.parse("9999-12-31T23:59:59.999999Z")));
        long bc4713 = Micros.of(Timestamp.from(Instant.parse("-4712-01-01T00:00:00Z")));

        assertThat(infinity).isEqualTo(Micros.INFINITY).isGreaterThan(year9999);
        assertThat(minusInfinity).isEqualTo(Micros.MINUS_INFINITY).isLessThan(bc4713).isNotEqualTo(Micros.NONE);
    }

    @Test
    void infinitiesAndNullGoBackToTheStoreAsTheyCame() {
        assertThat(Micros.toTimestamp(Micros.INFINITY).getTime()).isEqualTo(PGStatement.DATE_POSITIVE_INFINITY);
        assertThat(Micros.toTimestamp(Micros.MINUS_INFINITY).getTime()).isEqualTo(PGStatement.DATE_NEGATIVE_INFINITY);
        assertThat(Micros.toTimestamp(Micros.NONE)).isNull();
        for (String time : new String[] {"0001-01-01T00:00:00.000001Z", "-4712-01-01T00:00:00Z",
                "1582-10-04T12:00:00Z", "2026-10-01T00:00:00.5Z"}) {
            Instant instant = Instant.parse(time);
            assertThat(Micros.toInstant(Micros.of(Micros.toTimestamp(Micros.of(instant))))).isEqualTo(instant);
        }
    }

    /** pgjdbc hands PostgreSQL's (proleptic Gregorian) fields to a Julian-before-1582 calendar. */
    @Test
    void timesBeforeTheGregorianCutoverKeepPostgreSQLsCalendar() {
        var julian = new java.util.GregorianCalendar(java.util.TimeZone.getDefault());
        julian.clear();
        julian.set(java.util.Calendar.ERA, java.util.GregorianCalendar.BC);
        julian.set(4713, java.util.Calendar.JANUARY, 1, 0, 0, 0);
        Instant read = Micros.toInstant(Micros.of(new Timestamp(julian.getTimeInMillis())));
        assertThat(read).isEqualTo(java.time.LocalDateTime.parse("-4712-01-01T00:00:00")
                .atZone(java.time.ZoneId.systemDefault()).toInstant());
    }
}
