package io.progressreports.cli;

import io.progressreports.failure.ExitCodes;
import io.progressreports.launch.Published;
import io.progressreports.run.JobKinds;
import io.progressreports.run.KindFlags;
import io.progressreports.run.ReportRun;
import io.progressreports.run.RunOverrides;
import io.progressreports.run.RunRequests;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a report job for a date range and publish its CSVs and charts under "
                + "<out>/<job>/<from>_<to>/, with <out>/<job>/latest pointing at the newest.",
                "A run whose settings differ from the job file's (--steps, --window, --order, --ages, --table, "
                        + "--breakdown, --zone, --grain, --as-of) publishes under "
                        + "<out>/<job>/<from>_<to>-adhoc-<hash>/ instead (the hash of what it counts) and leaves "
                        + "latest alone unless --latest.",
                "Cohort days already stored and final are reused; the rest are computed from the source."},
        footer = {"", "Jobs (files in jobs/):",
                "  onboarding-funnel  funnel by signup cohort: funnel.csv, funnel_summary.csv,",
                "                     completion_by_age.csv, data_quality.csv, [dropoffs.csv],",
                "                     funnel.png, conversion_trend.png",
                "  security-funnel    the same files for security and merge-request rules adoption",
                "                     (any job file of kind funnel is a funnel: no code needed)",
                "  transfer-speed     transfer speeds and step durations: transfer_speed.csv,",
                "                     step_duration.csv, rejects.csv, transfer_speed.png,",
                "                     step_duration.png. Reads partitions through indexes on",
                "                     deployment_step_timings(finished_at) and",
                "                     deployment_steps(updated_at); without them each partition",
                "                     scans the table, and it prints the CREATE INDEX to run.",
                "A job file with alerts: (rules such as \"reject_rate above 2%%\") also writes",
                "  alerts.csv; a run that breaks a rule logs an ALERT line per rule, POSTs them to",
                "  its webhook if it has one, and exits 3 (see the README's Alerts).",
                "", "Examples:",
                "  progress-reports run onboarding-funnel --last 90",
                "  progress-reports run transfer-speed --from 2026-01-01 --to 2026-03-31 \\",
                "      --grain week",
                "  progress-reports run onboarding-funnel --from 2026-01-01 --to 2026-03-31 \\",
                "      --grain month --zone Europe/Berlin",
                "  progress-reports run onboarding-funnel --date 2026-11-20 \\",
                "      --steps git_write,pipeline_created --window 14d --order any",
                "  progress-reports run onboarding-funnel --last 90 --breakdown namespaces.type",
                "", "Settings, highest first: flags; environment variables REPORTS_SOURCE_URL,",
                "  REPORTS_SOURCE_USER, REPORTS_STORE_URL, REPORTS_STORE_USER, REPORTS_STORE_DIR,",
                "  REPORTS_CHUNK_SIZE, REPORTS_THREADS, REPORTS_PROGRESS_INTERVAL,",
                "  REPORTS_ALERT_WEBHOOK_TIMEOUT (each webhook attempt, default 10s); application.yml",
                "  (reports.source.url, reports.chunk-size, ...) in ./config, in the working",
                "  directory, in the install folder (the jar's); the job file.",
                "Passwords: REPORTS_SOURCE_PASSWORD, REPORTS_STORE_PASSWORD, or a file named by",
                "  REPORTS_SOURCE_PASSWORD_FILE, REPORTS_STORE_PASSWORD_FILE (or",
                "  reports.source.password-file in application.yml), or the URL; never a flag.",
                "A source connection lost mid-run (SQLState 08xxx, or ended by the server)",
                "  restarts the run from its last committed chunk after 1, 2 and 4 s; a source",
                "  still down after that ends it with exit 69 (the same command resumes it).",
                "A source that sends nothing for --source-read-timeout (default 10m) ends the",
                "  run with exit 69; a missing or revoked SELECT grant is exit 77, a canceled",
                "  statement (statement_timeout) exit 69, each one line naming source and table.",
                "Exit codes: 0 done, 3 done but an alert rule of the job file broke (the report and its "
                        + "alerts.csv are published), 64 bad usage or job file, 65 more rows rejected than --max-reject-rate allows "
                        + "(the report is published), 69 source or store unreachable, the source silent for the "
                        + "read timeout or its statement canceled, 70 internal error, 73 cannot write the output, "
                        + "75 try later (another run of the job is in progress, or a store serialization failure "
                        + "or deadlock), 77 the source role may not read a table, 143 stopped by SIGTERM or 130 by "
                        + "SIGINT (Ctrl-C) at a chunk boundary (the same command resumes it)."})
public class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "JOB", description = "Job name: a file jobs/JOB.yml, e.g. onboarding-funnel, "
            + "security-funnel or transfer-speed.")
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

    @Option(names = "--source-zone", paramLabel = "ZONE", description = "Zone the source's timestamp without time "
            + "zone columns hold wall times in (default: the job file's source-zone, else UTC, as Rails stores them).")
    String sourceZone;

    @Option(names = "--grain", paramLabel = "GRAIN", description = "Cohort period: day, week or month.")
    String grain;

    @Option(names = "--recompute", description = "Recompute every day of the range, even final stored ones (after a data fix).")
    boolean recompute;

    @Option(names = "--partition-days", paramLabel = "N", description = "Most days per partition, the unit of parallel "
            + "work (a short range is split so that every thread gets one); a restart resumes inside one "
            + "(default: the job file's partition-days, else 7).")
    Integer partitionDays;

    @Option(names = "--max-reject-rate", paramLabel = "RATE", description = "Exit 65 when more than this share of "
            + "the range's rows is rejected: a fraction like 0.05 or a percentage like 5%% (default: the job file's "
            + "max-reject-rate, else no limit). The report and its rejects are published first.")
    String maxRejectRate;

    @Option(names = "--no-bom", description = "Write CSVs without the UTF-8 byte order mark (for scripts).")
    boolean noBom;

    @Option(names = "--latest", description = "Point <out>/<job>/latest at this run's report even though its "
            + "settings differ from the job file's (--steps, --window, --order, --ages, --table, --breakdown, "
            + "--zone, --grain, --as-of); without it such a run leaves latest alone.")
    boolean latest;

    @Mixin
    ConnectionOptions connection;

    @Spec
    CommandSpec spec;

    /** Each registered kind's own flags, by kind name, as {@link #withKindFlags} added them. */
    private final Map<String, Object> kindFlags = new LinkedHashMap<>();

    /** Adds the flags of every registered job kind to {@code run}'s, after its own, each kind under a heading. */
    static CommandLine withKindFlags(CommandLine run) {
        RunCommand command = run.getCommand();
        JobKinds.runFlags().forEach((kind, flags) -> {
            command.kindFlags.put(kind, flags);
            var group = ArgGroupSpec.builder().heading("%nFor " + kind + " jobs only:%n").exclusive(false)
                    .validate(false);
            CommandSpec.forAnnotatedObject(flags).options().forEach(group::addArg);
            run.getCommandSpec().addArgGroup(group.build());
        });
        return run;
    }

    /** Each kind's flags as parsed, and which of them the command line gave. */
    private KindFlags kindFlags() {
        ParseResult parsed = spec.commandLine().getParseResult();
        var given = new LinkedHashMap<String, List<String>>();
        kindFlags.forEach((kind, flags) -> given.put(kind, CommandSpec.forAnnotatedObject(flags).options().stream()
                .map(OptionSpec::longestName).filter(parsed::hasMatchedOption).toList()));
        return new KindFlags(Map.copyOf(kindFlags), given);
    }

    @Override
    public Integer call() {
        ReportRun run = new RunRequests(connection.jobFiles(), Clock.systemUTC()).prepare(job, new RunOverrides(
                new RunOverrides.Range(from, to, date, last),
                new RunOverrides.Calendar(asOf, zone, grain),
                kindFlags(),
                new RunOverrides.Work(sourceZone, recompute, partitionDays, maxRejectRate),
                new RunOverrides.Output(connection.out, !noBom, latest)));
        try (var application = new LazyApplication(connection.settings());
             var shutdown = GracefulShutdown.forRun(application)) {
            Published published = application.use(run::launch);
            System.out.println("report: " + published.folder().toAbsolutePath().normalize());
            return published.alerts().isEmpty() ? ExitCodes.OK : ExitCodes.ALERT;
        }
    }
}
