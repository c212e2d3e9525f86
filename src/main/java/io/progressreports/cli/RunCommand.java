package io.progressreports.cli;

import io.progressreports.funnel.FunnelLauncher;
import io.progressreports.funnel.FunnelOrder;
import io.progressreports.funnel.FunnelRequest;
import io.progressreports.job.JobFile;
import io.progressreports.job.JobFiles;
import io.progressreports.report.DateRange;
import io.progressreports.report.Grain;
import io.progressreports.report.ReportOptions;
import io.progressreports.source.SafeUrls;
import io.progressreports.transfer.TransferLauncher;
import io.progressreports.transfer.TransferRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a report job for a date range and publish its CSVs and charts under "
                + "<out>/<job>/<from>_<to>/, with <out>/<job>/latest pointing at the newest.",
                "Cohort days already stored and final are reused; the rest are computed from the source."},
        footer = {"", "Jobs (files in jobs/):",
                "  onboarding-funnel  funnel by signup cohort: funnel.csv, funnel_summary.csv,",
                "                     completion_by_age.csv, data_quality.csv, [dropoffs.csv],",
                "                     funnel.png, conversion_trend.png",
                "  transfer-speed     transfer speeds and step durations: transfer_speed.csv,",
                "                     step_duration.csv, rejects.csv, transfer_speed.png,",
                "                     step_duration.png. Reads partitions through indexes on",
                "                     deployment_step_timings(finished_at) and",
                "                     deployment_steps(updated_at); without them it reads the",
                "                     range as one partition and prints the CREATE INDEX to run.",
                "", "Examples:",
                "  progress-reports run onboarding-funnel --last 90",
                "  progress-reports run transfer-speed --from 2026-01-01 --to 2026-03-31 \\",
                "      --grain week",
                "  progress-reports run onboarding-funnel --from 2026-01-01 --to 2026-03-31 \\",
                "      --grain month --zone Europe/Berlin",
                "  progress-reports run onboarding-funnel --date 2026-11-20 \\",
                "      --steps git_write,pipeline_created --window 14d --order any",
                "", "Settings, highest first: flags; environment variables REPORTS_SOURCE_URL,",
                "  REPORTS_SOURCE_USER, REPORTS_STORE_URL, REPORTS_STORE_USER, REPORTS_STORE_DIR,",
                "  REPORTS_CHUNK_SIZE, REPORTS_THREADS, REPORTS_PROGRESS_INTERVAL; application.yml",
                "  (reports.source.url, reports.chunk-size, ...) in ./config, in the working",
                "  directory, in the install folder (the jar's); the job file.",
                "Passwords: REPORTS_SOURCE_PASSWORD, REPORTS_STORE_PASSWORD, or a file named by",
                "  REPORTS_SOURCE_PASSWORD_FILE, REPORTS_STORE_PASSWORD_FILE (or",
                "  reports.source.password-file in application.yml), or the URL; never a flag.",
                "Exit codes: 0 done, 64 bad usage, 69 source or store unreachable, 70 internal error, "
                        + "73 cannot write the output, 75 another run of the job is in progress."})
public class RunCommand implements Callable<Integer> {

    private static final Pattern WINDOW = Pattern.compile("([1-9][0-9]{0,4})([hdw])");
    private static final long MAX_WINDOW_DAYS = 3660;

    @Parameters(index = "0", paramLabel = "JOB", description = "Job name: a file jobs/JOB.yml, e.g. onboarding-funnel or "
            + "transfer-speed.")
    String job;

    @Option(names = "--from", paramLabel = "DATE", description = "First day of the range (inclusive), e.g. 2026-11-01.")
    String from;

    @Option(names = "--to", paramLabel = "DATE", description = "Last day of the range (inclusive).")
    String to;

    @Option(names = "--date", paramLabel = "DATE", description = "A single day: --from D --to D.")
    String date;

    @Option(names = "--last", paramLabel = "N", description = "The N days up to the day before as-of (default: the job file's 'last').")
    Integer last;

    @Option(names = "--as-of", paramLabel = "TIME", description = "What 'now' is for this run, e.g. 2026-11-01T00:00:00Z "
            + "(default: start of today in the zone). Later actions are ignored, so a rerun gives the same numbers.")
    String asOf;

    @Option(names = "--zone", paramLabel = "ZONE", description = "Report time zone for days, weeks and months, e.g. Europe/Berlin.")
    String zone;

    @Option(names = "--grain", paramLabel = "GRAIN", description = "Cohort period: day, week or month.")
    String grain;

    @Option(names = "--steps", paramLabel = "A,B,C", description = "Funnel steps after 'created': action names "
            + "(columns <action>_at of the table), in order.")
    String steps;

    @Option(names = "--window", paramLabel = "W", description = "Time from creation within which a step counts: Nd, Nh or Nw, e.g. 30d.")
    String window;

    @Option(names = "--order", paramLabel = "ORDER", description = "sequential (each step at or after the previous) or any.")
    String order;

    @Option(names = "--ages", paramLabel = "D,D,..", description = "Ages in whole days for completion_by_age.csv, "
            + "e.g. 1,7,14,30 (the window is always added).")
    String ages;

    @Option(names = "--table", paramLabel = "TABLE", description = "Source table, optionally schema-qualified "
            + "(default: the job file's, else onboarding_progresses).")
    String table;

    @Option(names = "--dropoffs", description = "Also write dropoffs.csv: every namespace that stopped before the last step.")
    boolean dropoffs;

    @Option(names = "--recompute", description = "Recompute every day of the range, even final stored ones (after a data fix).")
    boolean recompute;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: reports).")
    Path out = Path.of("reports");

    @Option(names = "--no-bom", description = "Write CSVs without the UTF-8 byte order mark (for scripts).")
    boolean noBom;

    @Option(names = "--source-url", paramLabel = "URL", description = "Source PostgreSQL, e.g. jdbc:postgresql://replica:5432/gitlab?user=reports (read only).")
    String sourceUrl;

    @Option(names = "--source-user", paramLabel = "USER", description = "Source role (default: the URL's).")
    String sourceUser;

    @Option(names = "--store-url", paramLabel = "URL", description = "Store PostgreSQL for batch metadata and daily aggregates (default: embedded, see --store-dir).")
    String storeUrl;

    @Option(names = "--store-user", paramLabel = "USER", description = "Store role (default: the URL's).")
    String storeUser;

    @Option(names = "--store-dir", paramLabel = "DIR", description = "Data folder of the embedded store (default: ~/.progress-reports/store).")
    Path storeDir;

    @Option(names = "--jobs-dir", paramLabel = "DIR", description = "Folder of job files (default: ./jobs).")
    Path jobsDir;

    @Option(names = "--chunk-size", paramLabel = "N", description = "Rows per chunk and store transaction (default: the job file's, else 2000).")
    Integer chunkSize;

    @Option(names = "--threads", paramLabel = "N", description = "Partitions computed side by side (default: number of cores).")
    Integer threads;

    @Option(names = "--progress-interval", paramLabel = "D", description = "Without a terminal, log progress this "
            + "often, e.g. 30s or PT1M (default: 5s); on a terminal a progress bar shows it.")
    String progressInterval;

    @Override
    public Integer call() {
        JobFile jobFile = JobFiles.locate(jobsDir).load(job);
        boolean funnel = JobFile.FUNNEL.equals(jobFile.kind());
        FunnelRequest funnelRequest = funnel ? funnelRequest(jobFile) : null;
        TransferRequest transferRequest = funnel ? null : transferRequest(jobFile);
        var settings = new SpringSettings()
                .put("reports.source.url", sourceUrl)
                .put("reports.source.user", sourceUser)
                .put("reports.store.url", storeUrl)
                .put("reports.store.user", storeUser)
                .put("reports.store.dir", storeDir)
                .put("reports.chunk-size", chunkSize)
                .put("reports.threads", threads)
                .put("reports.progress-interval", progressInterval)
                .fallback("reports.chunk-size", jobFile.chunkSize());
        try (var context = settings.start()) {
            String source = SafeUrls.redact(context.getEnvironment().getProperty("reports.source.url"));
            Path report;
            if (funnel) {
                FunnelLauncher launcher = context.getBean(FunnelLauncher.class);
                report = launcher.run(launcher.resolve(funnelRequest), source);
            } else {
                TransferLauncher launcher = context.getBean(TransferLauncher.class);
                report = launcher.run(launcher.resolve(transferRequest), source);
            }
            System.out.println("report: " + report.toAbsolutePath().normalize());
            return ExitCodes.OK;
        }
    }

    FunnelRequest funnelRequest(JobFile file) {
        ZoneId reportZone = zone(pick(zone, file.zone(), "UTC"));
        Instant now = asOf(reportZone);
        List<String> stepList = steps == null ? file.steps() : Arrays.stream(steps.split(",", -1)).map(String::trim)
                .toList();
        if (stepList == null || stepList.isEmpty() || stepList.stream().anyMatch(String::isEmpty)) {
            throw new UsageException("--steps needs action names separated by commas, not '" + printable(steps) + "'");
        }
        return new FunnelRequest(job, pick(table, file.table(), "onboarding_progresses"), stepList,
                window("--window", pick(window, file.window(), "30d")), order(pick(order, file.order(), "sequential")),
                ages(file), reportZone, range(file, now, reportZone), now, grain(pick(grain, file.grain(), "week")),
                recompute, dropoffs, options(file));
    }

    TransferRequest transferRequest(JobFile file) {
        for (var funnelOnly : new Object[][] {{"--steps", steps}, {"--window", window}, {"--order", order},
                {"--ages", ages}, {"--table", table}, {"--dropoffs", dropoffs ? "" : null}}) {
            if (funnelOnly[1] != null) {
                throw new UsageException(funnelOnly[0] + " applies to funnel jobs only, and " + job + " is a "
                        + file.kind() + " job");
            }
        }
        ZoneId reportZone = zone(pick(zone, file.zone(), "UTC"));
        Instant now = asOf(reportZone);
        return new TransferRequest(job, pick(null, file.stepsTable(), "deployment_steps"),
                pick(null, file.timingsTable(), "deployment_step_timings"),
                window("grace", pick(null, file.grace(), "1d")), reportZone, range(file, now, reportZone), now,
                grain(pick(grain, file.grain(), "day")), recompute, options(file));
    }

    private Instant asOf(ZoneId reportZone) {
        return asOf == null ? LocalDate.now(reportZone).atStartOfDay(reportZone).toInstant() : instant(asOf);
    }

    private ReportOptions options(JobFile file) {
        return new ReportOptions(out, !noBom, positive("partition-days", null, file.partitionDays(), 7));
    }

    private List<Duration> ages(JobFile file) {
        List<String> days = ages != null ? Arrays.stream(ages.split(",", -1)).map(String::trim).toList()
                : file.ages() != null ? file.ages().stream().map(String::valueOf).toList()
                : List.of("1", "7", "14", "30");
        return days.stream().map(day -> {
            try {
                int n = Integer.parseInt(day);
                if (n >= 1 && n <= MAX_WINDOW_DAYS) {
                    return Duration.ofDays(n);
                }
            } catch (NumberFormatException e) {
                // reported below with the value
            }
            throw new UsageException("--ages '" + printable(day) + "' is not a whole number of days from 1 to "
                    + MAX_WINDOW_DAYS);
        }).toList();
    }

    private DateRange range(JobFile file, Instant now, ZoneId reportZone) {
        int given = (from != null || to != null ? 1 : 0) + (date != null ? 1 : 0) + (last != null ? 1 : 0);
        if (given > 1) {
            throw new UsageException("give one of --from/--to, --date or --last");
        }
        if (date != null) {
            LocalDate day = date("--date", date);
            return new DateRange(day, day);
        }
        if (from != null || to != null) {
            if (from == null || to == null) {
                throw new UsageException(from == null ? "--to needs --from" : "--from needs --to");
            }
            LocalDate first = date("--from", from);
            LocalDate end = date("--to", to);
            if (first.isAfter(end)) {
                throw new UsageException("--from " + first + " is after --to " + end);
            }
            return new DateRange(first, end);
        }
        int days = positive("--last", last, file.last(), 90);
        if (days > MAX_WINDOW_DAYS * 10) {
            throw new UsageException("--last " + days + " is more than " + MAX_WINDOW_DAYS * 10 + " days");
        }
        LocalDate end = now.minusNanos(1000).atZone(reportZone).toLocalDate();
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
            throw new UsageException(option + " '" + printable(text) + "' is not a date like 2026-11-01");
        }
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new UsageException("--as-of '" + printable(text) + "' is not a time like 2026-11-01T00:00:00Z");
        }
    }

    private static ZoneId zone(String text) {
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            throw new UsageException("--zone '" + printable(text) + "' is not a time zone (e.g. UTC, Europe/Berlin)");
        }
    }

    static Duration window(String name, String text) {
        Matcher m = WINDOW.matcher(text);
        if (!m.matches()) {
            throw new UsageException(name + " '" + printable(text) + "' is not a duration like 30d, 36h or 2w");
        }
        long n = Long.parseLong(m.group(1));
        Duration duration = switch (m.group(2)) {
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofDays(7 * n);
        };
        if (duration.toDays() > MAX_WINDOW_DAYS) {
            throw new UsageException(name + " '" + text + "' is longer than " + MAX_WINDOW_DAYS + " days");
        }
        return duration;
    }

    private static FunnelOrder order(String text) {
        try {
            return FunnelOrder.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--order '" + printable(text) + "' must be sequential or any");
        }
    }

    private static Grain grain(String text) {
        try {
            return Grain.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--grain '" + printable(text) + "' must be day, week or month");
        }
    }

    private static int positive(String name, Integer flag, Integer file, int fallback) {
        int value = flag != null ? flag : file != null ? file : fallback;
        if (value < 1) {
            throw new UsageException(name + " must be at least 1, not " + value);
        }
        return value;
    }

    private static String pick(String flag, String file, String fallback) {
        return flag != null ? flag : file != null ? file : fallback;
    }

    private static String printable(String text) {
        return JobFiles.printable(text);
    }
}
