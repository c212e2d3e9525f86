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
        Instant time = Instant.parse("0001-01-01T00:00:00.000001Z");
        assertThat(Micros.toInstant(Micros.of(Micros.toTimestamp(Micros.of(time))))).isEqualTo(time);
    }
}
