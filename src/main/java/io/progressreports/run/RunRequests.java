package io.progressreports.run;

import io.progressreports.alert.AlertRules;
import io.progressreports.alert.Alerting;
import io.progressreports.failure.Printable;
import io.progressreports.failure.UsageException;
import io.progressreports.job.JobFile;
import io.progressreports.job.JobFiles;
import io.progressreports.job.JobValues;
import io.progressreports.launch.RunOptions;
import io.progressreports.report.DateRange;
import io.progressreports.report.Grain;
import io.progressreports.settings.ReportsProperties;
import io.progressreports.settings.SafeUrls;
import org.springframework.context.ApplicationContext;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Turns a job file and the flags that override it into a checked run, before anything starts. The clock decides
 * the default as-of (start of today in the job's zone), so the scheduler's runs follow its clock.
 */
public final class RunRequests {

    private static final int DEFAULT_CHUNK_SIZE = 2000;

    private final JobFiles jobFiles;
    private final Clock clock;

    public RunRequests(JobFiles jobFiles, Clock clock) {
        this.jobFiles = jobFiles;
        this.clock = clock;
    }

    public ReportRun prepare(String job, RunOverrides flags) {
        JobFile file = jobFiles.load(job);
        JobKind<JobFile> kind = JobKinds.of(file);
        flags.kind().refuseOthersThan(kind, job);
        return kind.prepare(job, file, flags, this);
    }

    /**
     * The run {@code asked}, to be launched by the kind's {@code launcher}. Its options hold the flags by which its
     * definition differs from {@code own}, the job file's own definition (the same flags but those that change
     * what a run counts).
     */
    public static <R> ReportRun run(String job, JobFile file, RunOverrides flags, Asked<R> asked,
                                    Map<String, String> own, Class<? extends RequestLauncher<R>> launcher) {
        String overrides = overrides(asked.definition(), own, flags, asked.range(), asked.zone(), asked.asOf());
        return new RequestRun<>(job, file.chunkSize(), asked.request().apply(options(file, flags, overrides)),
                launcher);
    }

    /**
     * Not --source-zone: like --source-url it says how the source is to be read, and a report read right belongs
     * in the job file's folder.
     */
    public static Map<String, String> common(ZoneId zone, Grain grain) {
        var definition = new LinkedHashMap<String, String>();
        definition.put("zone", zone.getId());
        definition.put("grain", grain.label());
        return definition;
    }

    /**
     * The flags by which a run's definition differs from its job file's own, with their values as the run reads
     * them, e.g. "steps=git_write window=PT24H"; empty when there are none (a flag that repeats the file's value
     * is none). An as-of counts when it is not the one the nightly run of the range has, the start of the day
     * after it: {@code --last 30 --as-of T} is the nightly report as it was at T.
     */
    private static String overrides(Map<String, String> asked, Map<String, String> own, RunOverrides flags,
                                    DateRange range, ZoneId zone, Instant asOf) {
        Stream<String> definition = asked.entrySet().stream()
                .filter(entry -> !entry.getValue().equals(own.get(entry.getKey())))
                .map(entry -> entry.getKey() + "=" + entry.getValue());
        boolean ownAsOf = flags.calendar().asOf() == null
                || asOf.equals(range.to().plusDays(1).atStartOfDay(zone).toInstant());
        return Stream.concat(definition, ownAsOf ? Stream.empty() : Stream.of("as-of=" + asOf))
                .collect(Collectors.joining(" "));
    }

    /** UTC unless told: Rails, and many applications like it, store naive UTC wall times. */
    public static ZoneId sourceZone(JobFile file, RunOverrides.Work work) {
        return JobValues.zone("--source-zone", pick(work.sourceZone(), file.sourceZone(), "UTC"));
    }

    /** The report zone: the flag's, else the file's, else UTC. */
    public static ZoneId zone(JobFile file, RunOverrides.Calendar calendar) {
        return JobValues.zone("--zone", pick(calendar.zone(), file.zone(), "UTC"));
    }

    /** Where the job file sets {@code key}, e.g. "jobs/x.yml line 5". */
    public String where(String job, String key) {
        return jobFiles.where(job, key);
    }

    public Instant asOf(RunOverrides.Calendar calendar, ZoneId zone) {
        if (calendar.asOf() == null) {
            return LocalDate.now(clock.withZone(zone)).atStartOfDay(zone).toInstant();
        }
        try {
            return Instant.parse(calendar.asOf());
        } catch (DateTimeParseException e) {
            throw new UsageException("--as-of '" + Printable.of(calendar.asOf())
                    + "' is not a time like 2026-11-01T00:00:00Z");
        }
    }

    /** The job file's max-reject-rate was checked when it was loaded: only the flag can be bad here. */
    private static RunOptions options(JobFile file, RunOverrides flags, String overrides) {
        RunOverrides.Work work = flags.work();
        String maxRejectRate = pick(work.maxRejectRate(), file.maxRejectRate(), null);
        return new RunOptions(flags.output().out(), flags.output().bom(), JobValues.atLeastOne("--partition-days",
                pick(work.partitionDays(), file.partitionDays(), 7)),
                maxRejectRate == null ? null : JobValues.rejectRate("--max-reject-rate", maxRejectRate), overrides,
                flags.output().latest(), alerting(file.alerts()));
    }

    /** The job file's rules were checked when it was loaded. */
    private static Alerting alerting(JobFile.Alerts alerts) {
        return alerts == null ? Alerting.NONE : new Alerting(alerts.rules().stream().map(AlertRules::parse).toList(),
                alerts.webhook(), alerts.webhookEnv());
    }

    public static DateRange range(JobFile file, RunOverrides.Range flags, Instant asOf, ZoneId zone) {
        boolean fromTo = flags.from() != null || flags.to() != null;
        int given = (fromTo ? 1 : 0) + (flags.date() != null ? 1 : 0) + (flags.last() != null ? 1 : 0);
        if (given > 1) {
            throw new UsageException("give one of --from/--to, --date or --last");
        }
        if (flags.date() != null) {
            LocalDate day = date("--date", flags.date());
            return new DateRange(day, day);
        }
        if (fromTo) {
            if (flags.from() == null || flags.to() == null) {
                throw new UsageException(flags.from() == null ? "--to needs --from" : "--from needs --to");
            }
            LocalDate first = date("--from", flags.from());
            LocalDate end = date("--to", flags.to());
            if (first.isAfter(end)) {
                throw new UsageException("--from " + first + " is after --to " + end);
            }
            return new DateRange(first, end);
        }
        int days = JobValues.lastDays("--last", pick(flags.last(), file.last(), 90));
        LocalDate end = asOf.minusNanos(1000).atZone(zone).toLocalDate();
        return new DateRange(end.minusDays(days - 1L), end);
    }

    private static LocalDate date(String option, String text) {
        try {
            LocalDate day = LocalDate.parse(text);
            if (day.getYear() < 1900 || day.getYear() > 9999) {
                throw new UsageException(option + " '" + text + "' is out of range (years 1900 to 9999)");
            }
            return day;
        } catch (DateTimeParseException e) {
            throw new UsageException(option + " '" + Printable.of(text) + "' is not a date like 2026-11-01");
        }
    }

    public static <T> T pick(T flag, T file, T fallback) {
        return flag != null ? flag : file != null ? file : fallback;
    }

    /** The source as the manifest and logs name it: without its password. */
    public static String sourceLabel(ApplicationContext application) {
        return SafeUrls.redact(application.getEnvironment().getProperty("reports.source.url"));
    }

    /**
     * Rows per chunk: the application's setting (a flag, REPORTS_CHUNK_SIZE or application.yml, in that order),
     * else the job file's, else 2000. It travels as a job parameter, so one application runs every job.
     */
    public static int chunkSize(ApplicationContext application, Integer jobFile) {
        return pick(application.getBean(ReportsProperties.class).chunkSize(), jobFile, DEFAULT_CHUNK_SIZE);
    }
}
