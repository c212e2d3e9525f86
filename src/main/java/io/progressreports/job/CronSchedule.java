package io.progressreports.job;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.definition.CronNicknames;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import io.progressreports.failure.Printable;
import io.progressreports.failure.UsageException;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Optional;

/**
 * When a job's nightly report runs: a crontab expression (minute hour day-of-month month day-of-week, or a macro
 * such as {@code @daily}) in a time zone, with crontab's meaning, so that jobs/crontab and {@code schedule} agree.
 * cron-utils' Unix definition gives what Vixie cron does: day-of-month OR day-of-week when both are restricted,
 * and it refuses what crontab refuses (seconds, {@code L}, {@code W}, {@code #}, {@code ?}).
 */
public record CronSchedule(String cron, ZoneId zone, ExecutionTime times) {

    private static final CronDefinition UNIX = CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX);

    /** Crontab's own definition plus the macros crontab(5) lists; @reboot has no time, so it stays refused. */
    private static final CronParser CRONTAB = new CronParser(new CronDefinition(
            new ArrayList<>(UNIX.getFieldDefinitions()), UNIX.getCronConstraints(),
            EnumSet.complementOf(EnumSet.of(CronNicknames.REBOOT)), UNIX.isMatchDayOfWeekAndDayOfMonth()));

    private static final String FORM = "the five of crontab (minute hour day-of-month month day-of-week) or a macro "
            + "(@hourly, @daily, @weekly, @monthly, @yearly), e.g. \"30 2 * * *\"";

    /**
     * @param name what the cron is called in errors, e.g. schedule.cron
     * @throws UsageException naming the value when it is not a crontab expression that fires
     */
    public static CronSchedule parse(String name, String cron, ZoneId zone) {
        String[] fields = cron == null || cron.isBlank() ? new String[0] : cron.trim().split("\\s+");
        boolean macro = fields.length == 1 && fields[0].startsWith("@");
        if (fields.length != 5 && !macro) {
            throw new UsageException(name + " '" + Printable.of(cron) + "' has " + fields.length
                    + " fields, not " + FORM);
        }
        String normal = String.join(" ", fields);
        ExecutionTime times;
        try {
            var parsed = CRONTAB.parse(normal);
            parsed.validate();
            times = ExecutionTime.forCron(parsed);
        } catch (IllegalArgumentException e) {
            String reason = String.valueOf(e.getMessage()).replaceFirst("^Failed to parse cron expression\\. ", "");
            throw new UsageException(name + " '" + Printable.of(cron) + "' is not a crontab expression: "
                    + Printable.of(reason));
        }
        var schedule = new CronSchedule(normal, zone, times);
        if (schedule.next(Instant.now()) == null) {
            throw new UsageException(name + " '" + Printable.of(cron) + "' never fires");
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
        return times.nextExecution(after.atZone(zone)).map(ZonedDateTime::toInstant).orElse(null);
    }

    /** The last time at or before {@code now} (cron-utils' last execution is strictly before). */
    public Optional<Instant> previous(Instant now) {
        Optional<Instant> before = times.lastExecution(now.atZone(zone)).map(ZonedDateTime::toInstant);
        Instant following = next(before.orElse(now.minusSeconds(60)));
        return following != null && !following.isAfter(now) ? Optional.of(following) : before;
    }
}
