package io.progressreports.job;

import io.progressreports.cli.UsageException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Five-field crontab expressions, read by Spring's six-field CronExpression, forwards and backwards. */
class CronScheduleTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void fiveFieldsAreMinuteHourDayMonthWeekdayInTheZone() {
        var nightly = CronSchedule.parse("cron", "30 2 * * *", BERLIN);
        assertThat(nightly.next(Instant.parse("2026-11-20T12:00:00Z"))).isEqualTo("2026-11-21T01:30:00Z");
        var weekdays = CronSchedule.parse("cron", "0 9 * * 1-5", ZoneOffset.UTC);
        // 2026-11-21 is a Saturday
        assertThat(weekdays.next(Instant.parse("2026-11-21T00:00:00Z"))).isEqualTo("2026-11-23T09:00:00Z");
        assertThat(CronSchedule.parse("cron", "  30   2 * *  * ", ZoneOffset.UTC).cron()).isEqualTo("30 2 * * *");
    }

    @Test
    void previousIsTheLastTimeAtOrBeforeNow() {
        var nightly = CronSchedule.parse("cron", "30 2 * * *", ZoneOffset.UTC);
        assertThat(nightly.previous(Instant.parse("2026-11-21T02:29:59Z"))).contains(Instant.parse("2026-11-20T02:30:00Z"));
        assertThat(nightly.previous(Instant.parse("2026-11-21T02:30:00Z"))).contains(Instant.parse("2026-11-21T02:30:00Z"));
        var everyMinute = CronSchedule.parse("cron", "* * * * *", ZoneOffset.UTC);
        assertThat(everyMinute.previous(Instant.parse("2026-11-21T10:15:30Z"))).contains(Instant.parse("2026-11-21T10:15:00Z"));
        var leapDay = CronSchedule.parse("cron", "0 0 29 2 *", ZoneOffset.UTC);
        assertThat(leapDay.previous(Instant.parse("2026-11-21T00:00:00Z"))).contains(Instant.parse("2024-02-29T00:00:00Z"));
    }

    @Test
    void sixFieldsOrBadValuesAreUsageErrors() {
        assertThatThrownBy(() -> CronSchedule.parse("schedule.cron", "0 30 2 * * *", ZoneOffset.UTC))
                .isInstanceOf(UsageException.class).hasMessageContaining("has 6 fields, not the five of crontab");
        assertThatThrownBy(() -> CronSchedule.parse("schedule.cron", "30 25 * * *", ZoneOffset.UTC))
                .isInstanceOf(UsageException.class)
                .hasMessage("schedule.cron '30 25 * * *' is not a valid cron expression: Invalid value for HourOfDay "
                        + "(valid values 0 - 23): 25 '25'");
    }
}
