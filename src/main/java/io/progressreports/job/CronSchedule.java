package io.progressreports.job;

import io.progressreports.cli.UsageException;
import org.springframework.scheduling.support.CronExpression;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/**
 * When a job's nightly report runs: a five-field crontab expression (minute hour day-of-month month day-of-week),
 * the form people know from crontab and jobs/crontab, in a time zone. Spring's {@link CronExpression} wants a
 * seconds field first, so the expression is read as {@code "0 " + cron}.
 */
public record CronSchedule(String cron, ZoneId zone, CronExpression expression) {

    /** Ever longer looks back, the last long enough for any cron that fires at all (29 February on a Monday: 28 years). */
    private static final List<Duration> LOOKBACKS = List.of(Duration.ofHours(1), Duration.ofDays(1),
            Duration.ofDays(32), Duration.ofDays(367), Duration.ofDays(8 * 366 + 1), Duration.ofDays(30 * 366));

    /**
     * @param name what the cron is called in errors, e.g. schedule.cron
     * @throws UsageException naming the value when it is not five fields of a cron that fires
     */
    public static CronSchedule parse(String name, String cron, ZoneId zone) {
        String[] fields = cron == null ? new String[0] : cron.trim().split("\\s+");
        if (cron == null || cron.isBlank() || fields.length != 5) {
            throw new UsageException(name + " '" + JobFiles.printable(cron) + "' has " + (cron == null || cron.isBlank()
                    ? 0 : fields.length) + " fields, not the five of crontab (minute hour day-of-month month "
                    + "day-of-week), e.g. \"30 2 * * *\"");
        }
        CronExpression expression;
        try {
            expression = CronExpression.parse("0 " + String.join(" ", fields));
        } catch (IllegalArgumentException e) {
            String reason = String.valueOf(e.getMessage());
            int spring = reason.indexOf(" in cron expression");
            throw new UsageException(name + " '" + JobFiles.printable(cron) + "' is not a valid cron expression: "
                    + JobFiles.printable(spring < 0 ? reason : reason.substring(0, spring)));
        }
        var schedule = new CronSchedule(String.join(" ", fields), zone, expression);
        if (schedule.next(Instant.now()) == null) {
            throw new UsageException(name + " '" + JobFiles.printable(cron) + "' never fires");
        }
        return schedule;
    }

    /** A job file's schedule: in the schedule's zone, else the job's, else UTC. */
    public static CronSchedule of(JobFile job) {
        JobFile.Schedule schedule = job.schedule();
        String zone = schedule.zone() != null ? schedule.zone() : job.zone() != null ? job.zone() : "UTC";
        return parse("schedule.cron", schedule.cron(), JobValues.zone("schedule.zone", zone));
    }

    /** The first time strictly after {@code after}, or null if the cron never fires again. */
    public Instant next(Instant after) {
        ZonedDateTime next = expression.next(after.atZone(zone));
        return next == null ? null : next.toInstant();
    }

    /** The last time at or before {@code now}: CronExpression only looks forward, so search forward from ever earlier starts. */
    public Optional<Instant> previous(Instant now) {
        for (Duration lookback : LOOKBACKS) {
            Instant time = next(now.minus(lookback));
            if (time == null || time.isAfter(now)) {
                continue;
            }
            for (Instant later = next(time); later != null && !later.isAfter(now); later = next(later)) {
                time = later;
            }
            return Optional.of(time);
        }
        return Optional.empty();
    }
}
