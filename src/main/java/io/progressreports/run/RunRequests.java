package io.progressreports.run;

import io.progressreports.ReportsProperties;
import io.progressreports.failure.Printable;
import io.progressreports.failure.UsageException;
import io.progressreports.funnel.FunnelLauncher;
import io.progressreports.funnel.FunnelRequest;
import io.progressreports.funnel.LayoutRequest;
import io.progressreports.job.JobFile;
import io.progressreports.job.JobFiles;
import io.progressreports.job.JobValues;
import io.progressreports.launch.RunOptions;
import io.progressreports.report.DateRange;
import io.progressreports.report.Grain;
import io.progressreports.source.SafeUrls;
import io.progressreports.transfer.TransferLauncher;
import io.progressreports.transfer.TransferRequest;
import io.progressreports.transfer.TransferStatuses;
import org.springframework.context.ApplicationContext;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
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
        if (JobFile.FUNNEL.equals(file.kind())) {
            FunnelRequest asked = funnelRequest(job, file, flags, "");
            boolean fileHasSteps = file.steps() != null;
            Map<String, String> own = funnelDefinition(funnelRequest(job, file, flags.ownDefinition(fileHasSteps),
                    ""));
            if (!fileHasSteps) {
                // A job file without steps has no funnel of its own: whatever steps a run names, it is ad hoc.
                own.remove("steps");
            }
            String overrides = overrides(funnelDefinition(asked), own, flags, asked.range(), asked.zone(),
                    asked.asOf());
            return new FunnelRun(job, file.chunkSize(), funnelRequest(job, file, flags, overrides));
        }
        TransferRequest asked = transferRequest(job, file, flags, "");
        String overrides = overrides(transferDefinition(asked),
                transferDefinition(transferRequest(job, file, flags.ownDefinition(true), "")), flags, asked.range(),
                asked.zone(), asked.asOf());
        return new TransferRun(job, file.chunkSize(), transferRequest(job, file, flags, overrides));
    }

    /** What a funnel counts, by the flag that sets it (without its dashes). */
    private static Map<String, String> funnelDefinition(FunnelRequest request) {
        var definition = new LinkedHashMap<String, String>();
        definition.put("table", request.table());
        definition.put("steps", String.join(",", request.steps()));
        definition.put("window", request.window().toString());
        definition.put("order", request.order().label());
        definition.put("ages", request.ages().toString());
        definition.putAll(common(request.zone(), request.grain()));
        return definition;
    }

    private static Map<String, String> transferDefinition(TransferRequest request) {
        return common(request.zone(), request.grain());
    }

    /**
     * Not --source-zone: like --source-url it says how the source is to be read, and a report read right belongs
     * in the job file's folder.
     */
    private static Map<String, String> common(ZoneId zone, Grain grain) {
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

    private FunnelRequest funnelRequest(String job, JobFile file, RunOverrides flags, String overrides) {
        RunOverrides.Funnel funnel = flags.funnel();
        ZoneId zone = JobValues.zone("--zone", pick(flags.calendar().zone(), file.zone(), "UTC"));
        Instant asOf = asOf(flags.calendar(), zone);
        List<String> steps = funnel.steps() == null ? file.steps()
                : Arrays.stream(funnel.steps().split(",", -1)).map(String::trim).toList();
        if (steps == null || steps.isEmpty() || steps.stream().anyMatch(String::isEmpty)) {
            throw new UsageException("--steps needs action names separated by commas, not '"
                    + Printable.of(funnel.steps()) + "'");
        }
        if (funnel.steps() != null) {
            // As the job file's steps are at load: text that is no action name is refused before connecting.
            steps.forEach(step -> JobValues.stepName("--steps", step));
        }
        String stepsOrigin = funnel.steps() == null ? jobFiles.where(job, "steps") : null;
        LayoutRequest layout = LayoutRequest.of(file);
        String table = funnel.table() == null ? pick(null, file.table(), layout.defaultTable())
                : JobValues.tableName("--table", funnel.table());
        return new FunnelRequest(job, table, steps, stepsOrigin,
                JobValues.duration("--window", pick(funnel.window(), file.window(), "30d")),
                JobValues.order("--order", pick(funnel.order(), file.order(), "sequential")), ages(file, funnel), zone,
                range(file, flags.range(), asOf, zone), asOf, JobValues.grain("--grain",
                pick(flags.calendar().grain(), file.grain(), "week")), flags.work().recompute(), funnel.dropoffs(),
                options(file, flags, overrides), layout, sourceZone(file, flags.work()), file.actions());
    }

    private TransferRequest transferRequest(String job, JobFile file, RunOverrides flags, String overrides) {
        RunOverrides.Funnel funnel = flags.funnel();
        for (var funnelOnly : new Object[][] {{"--steps", funnel.steps()}, {"--window", funnel.window()},
                {"--order", funnel.order()}, {"--ages", funnel.ages()}, {"--table", funnel.table()},
                {"--dropoffs", funnel.dropoffs() ? "" : null}}) {
            if (funnelOnly[1] != null) {
                throw new UsageException(funnelOnly[0] + " applies to funnel jobs only, and " + job + " is a "
                        + file.kind() + " job");
            }
        }
        ZoneId zone = JobValues.zone("--zone", pick(flags.calendar().zone(), file.zone(), "UTC"));
        Instant asOf = asOf(flags.calendar(), zone);
        return new TransferRequest(job, pick(null, file.stepsTable(), "deployment_steps"),
                pick(null, file.timingsTable(), "deployment_step_timings"),
                JobValues.duration("grace", pick(null, file.grace(), "1d")), zone,
                range(file, flags.range(), asOf, zone), asOf,
                JobValues.grain("--grain", pick(flags.calendar().grain(), file.grain(), "day")),
                flags.work().recompute(), options(file, flags, overrides), sourceZone(file, flags.work()),
                TransferStatuses.of(file.statuses() == null ? TransferStatuses.DEFAULT : file.statuses()));
    }

    /** UTC unless told: Rails, and many applications like it, store naive UTC wall times. */
    private static ZoneId sourceZone(JobFile file, RunOverrides.Work work) {
        return JobValues.zone("--source-zone", pick(work.sourceZone(), file.sourceZone(), "UTC"));
    }

    private Instant asOf(RunOverrides.Calendar calendar, ZoneId zone) {
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
                flags.output().latest());
    }

    private static List<Duration> ages(JobFile file, RunOverrides.Funnel funnel) {
        List<String> days = funnel.ages() != null
                ? Arrays.stream(funnel.ages().split(",", -1)).map(String::trim).toList()
                : file.ages() != null ? file.ages().stream().map(String::valueOf).toList()
                : List.of("1", "7", "14", "30");
        return days.stream().map(day -> JobValues.age("--ages", day)).toList();
    }

    private static DateRange range(JobFile file, RunOverrides.Range flags, Instant asOf, ZoneId zone) {
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

    private static <T> T pick(T flag, T file, T fallback) {
        return flag != null ? flag : file != null ? file : fallback;
    }

    private static String sourceLabel(ApplicationContext application) {
        return SafeUrls.redact(application.getEnvironment().getProperty("reports.source.url"));
    }

    /**
     * Rows per chunk: the application's setting (a flag, REPORTS_CHUNK_SIZE or application.yml, in that order),
     * else the job file's, else 2000. It travels as a job parameter, so one application runs every job.
     */
    private static int chunkSize(ApplicationContext application, Integer jobFile) {
        return pick(application.getBean(ReportsProperties.class).chunkSize(), jobFile, DEFAULT_CHUNK_SIZE);
    }

    private record FunnelRun(String job, Integer fileChunkSize, FunnelRequest request) implements ReportRun {

        @Override
        public Path launch(ApplicationContext application) {
            FunnelLauncher launcher = application.getBean(FunnelLauncher.class);
            return launcher.run(launcher.resolve(request), sourceLabel(application),
                    chunkSize(application, fileChunkSize));
        }
    }

    private record TransferRun(String job, Integer fileChunkSize, TransferRequest request) implements ReportRun {

        @Override
        public Path launch(ApplicationContext application) {
            TransferLauncher launcher = application.getBean(TransferLauncher.class);
            return launcher.run(launcher.resolve(request), sourceLabel(application),
                    chunkSize(application, fileChunkSize));
        }
    }
}
