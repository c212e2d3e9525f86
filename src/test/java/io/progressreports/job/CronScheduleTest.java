package io.progressreports.job;

import io.progressreports.failure.UsageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Crontab expressions with crontab's meaning (cron-utils' Unix definition), forwards and backwards. */
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
    void dayOfMonthAndDayOfWeekBothRestrictedFireOnEitherAsCronDoes() {
        var firstsAndMondays = CronSchedule.parse("cron", "30 2 1 * 1", ZoneOffset.UTC);
        // 2026-11-01 is a Sunday, 2026-12-01 a Tuesday: both fire, as does every Monday between
        assertThat(times(firstsAndMondays, "2026-10-31T00:00:00Z", 7)).containsExactly("2026-11-01T02:30:00Z",
                "2026-11-02T02:30:00Z", "2026-11-09T02:30:00Z", "2026-11-16T02:30:00Z", "2026-11-23T02:30:00Z",
                "2026-11-30T02:30:00Z", "2026-12-01T02:30:00Z");
        assertThat(firstsAndMondays.previous(Instant.parse("2026-12-01T12:00:00Z")))
                .contains(Instant.parse("2026-12-01T02:30:00Z"));
        // one day field left as * keeps the other alone
        assertThat(times(CronSchedule.parse("cron", "30 2 1 * *", ZoneOffset.UTC), "2026-10-31T00:00:00Z", 2))
                .containsExactly("2026-11-01T02:30:00Z", "2026-12-01T02:30:00Z");
    }

    @Test
    void macrosAreTheirCrontabEquivalents() {
        String from = "2026-11-21T10:15:00Z"; // a Saturday
        assertThat(times(CronSchedule.parse("cron", "@hourly", ZoneOffset.UTC), from, 1)).containsExactly("2026-11-21T11:00:00Z");
        assertThat(times(CronSchedule.parse("cron", "@daily", ZoneOffset.UTC), from, 1)).containsExactly("2026-11-22T00:00:00Z");
        assertThat(times(CronSchedule.parse("cron", "@midnight", ZoneOffset.UTC), from, 1)).containsExactly("2026-11-22T00:00:00Z");
        assertThat(times(CronSchedule.parse("cron", "@weekly", ZoneOffset.UTC), from, 1)).containsExactly("2026-11-22T00:00:00Z");
        assertThat(times(CronSchedule.parse("cron", "@monthly", ZoneOffset.UTC), from, 1)).containsExactly("2026-12-01T00:00:00Z");
        assertThat(times(CronSchedule.parse("cron", "@yearly", ZoneOffset.UTC), from, 1)).containsExactly("2027-01-01T00:00:00Z");
        assertThat(times(CronSchedule.parse("cron", "@annually", BERLIN), from, 1)).containsExactly("2026-12-31T23:00:00Z");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"0 2 L * *", "0 2 15W * *", "0 2 * * 5L", "0 2 * * 1#2", "0 2 ? * *", "@reboot"})
    void whatCrontabRefusesIsAUsageError(String cron) {
        assertThatThrownBy(() -> CronSchedule.parse("schedule.cron", cron, ZoneOffset.UTC))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("schedule.cron '" + cron + "' is not a crontab expression: ")
                .hasMessageNotContaining("\n");
    }

    @Test
    void sixFieldsOrBadValuesAreUsageErrors() {
        assertThatThrownBy(() -> CronSchedule.parse("schedule.cron", "0 30 2 * * *", ZoneOffset.UTC))
                .isInstanceOf(UsageException.class).hasMessageContaining("has 6 fields, not the five of crontab");
        assertThatThrownBy(() -> CronSchedule.parse("schedule.cron", "30 25 * * *", ZoneOffset.UTC))
                .isInstanceOf(UsageException.class)
                .hasMessage("schedule.cron '30 25 * * *' is not a crontab expression: Value 25 not in range [0, 23]");
        assertThatThrownBy(() -> CronSchedule.parse("schedule.cron", "0 0 30 2 *", ZoneOffset.UTC))
                .isInstanceOf(UsageException.class).hasMessage("schedule.cron '0 0 30 2 *' never fires");
    }

    private static List<String> times(CronSchedule schedule, String after, int count) {
        var times = new ArrayList<String>();
        for (Instant time = Instant.parse(after); times.size() < count; ) {
            time = schedule.next(time);
            times.add(time.toString());
        }
        return times;
    }
}
