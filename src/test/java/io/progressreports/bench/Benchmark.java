package io.progressreports.bench;

import io.progressreports.funnel.FunnelJobFile;
import io.progressreports.job.JobFile;
import io.progressreports.run.JobKinds;
import io.progressreports.source.SourceCatalog;
import io.progressreports.store.EmbeddedServer;
import io.progressreports.transfer.TransferJobFile;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Issue 5's benchmark, in one run on one machine: the jobs against the SQL an analyst would write and against a
 * bare count of the same rows, each as its own process, with the figures checked against each other. Run it with
 * {@code mvn -B -Pbench verify} (settings: {@link BenchSettings}); it is test code, not part of the product jar, and
 * its class names keep it out of the default test run.
 *
 * <p>Order of work: the dataset (generated or reused), the process-start floor ({@code --version}), a warm-up
 * count of each job's rows (untimed, so that every timed peer reads from the same warm cache), then per job: the
 * bare count, the SQL baseline, the full backfill into an empty store, the CSVs compared; then per job the nightly
 * run on the backfill's store, and a backfill of 1,000,000 rows (a fifth of them at smaller scales) for the memory
 * figures.
 *
 * <p>Exit status: 0 when everything ran and the jobs agree with SQL, 1 on any disagreement, 2 when something
 * could not be measured. Targets missed do not change it: the figures are the result.
 */
public final class Benchmark {

    static final String TRANSFER = "transfer-speed";
    static final String FUNNEL = "onboarding-funnel";
    private static final List<String> JOBS = List.of(TRANSFER, FUNNEL);
    private static final int VERSION_RUNS = 5;
    private static final double MIB_LIMIT = 512;

    private final BenchSettings settings;
    private final BenchResults results = new BenchResults();
    private final Map<String, JobFigures> figures = new LinkedHashMap<>();
    /** The median wall of --version. */
    private double startFloorSeconds = Double.NaN;
    private Path runs;
    private JdbcClient source;
    private SourceCatalog catalog;
    private final Map<String, JobFile> jobFiles = new LinkedHashMap<>();

    /** What one job measured, for the ratios. */
    private static final class JobFigures {
        double floorSeconds = Double.NaN;
        double exportSeconds = Double.NaN;
        double baselineSeconds = Double.NaN;
        /** Source rows the reader reads (the bare count); the manifest's rows.read counts transfers only. */
        long backfillSourceRows = -1;
        long smallSourceRows = -1;
        JobProcess.Run backfill;
        JobProcess.Run nightly;
        /** The nightly run with a report of the new day only. */
        JobProcess.Run oneDayNightly;
        JobProcess.Run small;
    }

    private Benchmark(BenchSettings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) {
        BenchSettings settings = BenchSettings.fromSystemProperties();
        System.exit(new Benchmark(settings).run());
    }

    private int run() {
        results.put("benchmark", "issue 5: progress-reports jobs against hand-written SQL (docs/performance.md)");
        results.put("date", Instant.now().toString());
        results.put("command", commandLine());
        results.put("settings", settings.describe());
        results.put("machine", Machine.describe());
        results.put("load_average", "start", Machine.loadAverage());
        runs = settings.out().resolve(settings.withIndexes() ? "runs" : "runs-without-indexes");
        Path json = settings.out().resolve(settings.withIndexes() ? "bench-results.json"
                : "bench-results-without-indexes.json");
        int status = 0;
        EmbeddedServer server = null;
        try {
            String url = settings.sourceUrl();
            if (url == null) {
                server = EmbeddedServer.open(settings.out().resolve("pg"), false);
                url = server.jdbcUrlWithPassword("postgres");
            }
            measure(url);
            status = results.agrees() ? 0 : 1;
        } catch (RuntimeException e) {
            e.printStackTrace();
            results.put("error", e.getClass().getSimpleName() + ": " + e.getMessage());
            status = 2;
        } finally {
            results.put("load_average", "end", Machine.loadAverage());
            addTargets();
            results.print(System.out);
            System.out.println();
            System.out.println("bench: results in " + results.write(json));
            if (server != null) {
                server.close();
            }
        }
        return status;
    }

    private void measure(String url) {
        PgUrl pg = PgUrl.parse(url);
        DataSource dataSource = BenchDataset.dataSource(pg);
        source = JdbcClient.create(dataSource);
        catalog = new SourceCatalog(dataSource);
        BenchDataset.Facts facts = BenchDataset.prepare(settings, dataSource);
        results.put("dataset", facts.describe());
        var files = JobKinds.files(settings.project().resolve("jobs"));
        for (String job : JOBS) {
            jobFiles.put(job, files.load(job));
        }
        var queries = new QueryProcess(pg, settings.project(), settings.timeout());
        var jobs = new JobProcess(settings.project(), settings.timeout());

        var methods = new LinkedHashMap<String, Object>();
        methods.put("wall", "seconds from spawning the process to its exit, one run each (the --version floor: the "
                + "median of " + VERSION_RUNS + ")");
        methods.put("baseline_tool", queries.tool());
        methods.put("job_launcher", jobs.launcher());
        methods.put("store", "each backfill gets a fresh embedded store (--store-dir in its run folder; starting it "
                + "is part of the wall time); the nightly run reuses its backfill's store");
        methods.put("peak_rss", "VmHWM of the job's java process from /proc/<pid>/status, polled every 20 ms; the "
                + "embedded store's PostgreSQL processes are not included");
        methods.put("peak_heap", GcLog.METHOD);
        methods.put("warm_up", "one untimed count of each job's rows before the timed runs");
        methods.put("agreement", CsvAgreement.DESCRIPTION);
        methods.put("baseline_files", "transfer-speed: transfer_speed.csv and step_duration.csv (two queries, walls "
                + "added); onboarding-funnel: funnel.csv. The jobs also write rejects, completion by age, data "
                + "quality and charts, which the baseline does not.");
        results.put("method", methods);

        versionFloor(jobs);
        results.put("versions", "postgresql_server", source.sql("select version()")
                .query(String.class).single());
        results.put("versions", "psql", queries.psqlVersion());
        results.put("versions", "harness_java", Runtime.version().toString());

        var backfill = new SqlBaseline(facts.from(), facts.to(), facts.backfillAsOf());
        for (String job : JOBS) {
            queries.count("warm-up " + job, floorSql(job, backfill), runs.resolve("warm-up/" + job + ".txt"));
        }

        List<String> dropped = List.of();
        var indexes = new RecommendedIndexes(source);
        if (!settings.withIndexes()) {
            dropped = indexes.dropAll();
            results.put("indexes_dropped", dropped);
        }
        try {
            for (String job : JOBS) {
                measureJob(job, facts, backfill, queries, jobs, url);
            }
        } finally {
            if (!dropped.isEmpty()) {
                indexes.restore(dropped);
                System.out.println("bench: restored the indexes " + dropped);
            }
        }
        if (settings.withIndexes()) {
            for (String job : JOBS) {
                nightly(job, facts, jobs, url);
            }
            for (String job : JOBS) {
                smallBackfill(job, facts, jobs, url);
            }
        }
    }

    private void versionFloor(JobProcess jobs) {
        // The launcher extracts the jar and trains its class-sharing archive once per build: not a start-up cost.
        jobs.start("launcher preparation", List.of("--version"), runs.resolve("version-preparation"));
        var walls = new ArrayList<Double>();
        JobProcess.Run last = null;
        for (int i = 0; i < VERSION_RUNS; i++) {
            last = jobs.start("--version", List.of("--version"), runs.resolve("version-" + (i + 1)));
            if (!last.process().succeeded()) {
                throw new IllegalStateException("--version failed: " + last.process().stderrTail());
            }
            walls.add(last.process().wallSeconds());
        }
        double median = walls.stream().sorted().toList().get(VERSION_RUNS / 2);
        results.put("process_start_floor", Map.of("median_seconds", BenchResults.round(median, 3),
                "runs_seconds", walls.stream().map(w -> BenchResults.round(w, 3)).toList()));
        results.figure("process-start floor (--version, median of " + VERSION_RUNS + ")", median, "s");
        List<String> lines = output(last.process().stdout());
        results.put("versions", "app", lines.isEmpty() ? "unknown" : lines.get(0));
        results.put("versions", "job_java", lines.size() > 1 ? lines.get(1) : "unknown");
        startFloorSeconds = median;
    }

    /** The bare count, the SQL baseline and the full backfill of one job, in that order, and the CSVs compared. */
    private void measureJob(String name, BenchDataset.Facts facts, SqlBaseline sql, QueryProcess queries,
                            JobProcess jobs, String url) {
        JobFigures job = figures.computeIfAbsent(name, k -> new JobFigures());
        Path dir = runs.resolve(name);
        QueryProcess.Counted floor = floor(name, floorSql(name, sql), queries, dir);
        job.floorSeconds = floor.run().wallSeconds();
        job.backfillSourceRows = floor.value();
        boolean transfer = name.equals(TRANSFER);
        job.exportSeconds = export(name, queries, transfer ? sql.transferExport(transferFile(name), catalog)
                : sql.funnelExport(funnelFile(name), catalog));
        job.baselineSeconds = baseline(name, transfer ? sql.transferQueries(transferFile(name))
                : List.of(sql.funnelQuery(funnelFile(name))), queries, dir);
        job.backfill = backfill(name, facts, jobs, url, dir);
        compare(job.backfill, dir.resolve("baseline"), transfer
                ? List.of(CsvAgreement.TRANSFER_SPEED, CsvAgreement.STEP_DURATION) : List.of(CsvAgreement.FUNNEL));
    }

    /** The count of the source rows the job reads over the range of {@code sql}. */
    private FunnelJobFile funnelFile(String name) {
        return (FunnelJobFile) jobFiles.get(name);
    }

    private TransferJobFile transferFile(String name) {
        return (TransferJobFile) jobFiles.get(name);
    }

    private String floorSql(String name, SqlBaseline sql) {
        return name.equals(TRANSFER) ? sql.transferFloor(transferFile(name), catalog)
                : sql.funnelFloor(funnelFile(name));
    }

    private QueryProcess.Counted floor(String job, String sql, QueryProcess queries, Path dir) {
        QueryProcess.Counted counted = queries.count(job + " bare count", sql, dir.resolve("floor/count.txt"));
        double wall = counted.run().wallSeconds();
        results.put("floor", job, Map.of("wall_seconds", BenchResults.round(wall, 3), "rows", counted.value(),
                "sql", sql));
        results.figure(job + ": bare count(*) of the rows it reads", wall, "s");
        System.out.printf("bench: %s bare count: %,d rows in %.2f s%n", job, counted.value(), wall);
        return counted;
    }

    private double export(String job, QueryProcess queries, SqlBaseline.Query export) {
        TimedProcess.Result run = queries.export(job + " export", export);
        double wall = run.wallSeconds();
        results.put("export_floor", job, Map.of("wall_seconds", BenchResults.round(wall, 3), "sql",
                export.binaryCopy()));
        results.figure(job + ": export of the rows it reads (binary COPY, in its order)", wall, "s");
        System.out.printf("bench: %s export of its rows: %.2f s%n", job, wall);
        return wall;
    }

    private double baseline(String job, List<SqlBaseline.Query> list, QueryProcess queries, Path dir) {
        double total = 0;
        var files = new LinkedHashMap<String, Object>();
        for (SqlBaseline.Query query : list) {
            TimedProcess.Result run = queries.copy(job + " SQL " + query.file(), query, dir.resolve("baseline")
                    .resolve(query.file()));
            total += run.wallSeconds();
            files.put(query.file(), Map.of("wall_seconds", BenchResults.round(run.wallSeconds(), 3),
                    "sql", query.copy()));
            System.out.printf("bench: %s SQL baseline %s: %.2f s%n", job, query.file(), run.wallSeconds());
        }
        results.put("sql_baseline", job, Map.of("wall_seconds", BenchResults.round(total, 3), "files", files));
        results.figure(job + ": SQL baseline (" + list.size() + (list.size() == 1 ? " query)" : " queries)"), total,
                "s");
        return total;
    }

    private JobProcess.Run backfill(String job, BenchDataset.Facts facts, JobProcess jobs, String url, Path dir) {
        Path runDir = dir.resolve("backfill");
        JobProcess.Run run = jobs.run(job + " full backfill", job, List.of("--from", facts.from().toString(),
                "--to", facts.to().toString(), "--as-of", facts.backfillAsOf().toString(), "--source-url", url,
                "--store-dir", runDir.resolve("store").toString()), runDir);
        results.put("full_backfill", job, run.describe());
        results.figure(job + ": full backfill (" + settings.days() + " days, empty store)",
                run.process().wallSeconds(), "s");
        results.figure(job + ": full backfill rows read (manifest rows.read)", run.rowsRead(), "rows");
        System.out.printf("bench: %s full backfill: %,d rows in %.2f s%n", job, run.rowsRead(),
                run.process().wallSeconds());
        return run;
    }

    private void compare(JobProcess.Run run, Path baselineDir, List<CsvAgreement.Spec> specs) {
        for (CsvAgreement.Spec spec : specs) {
            CsvAgreement.Outcome outcome = CsvAgreement.compare(spec, run.report().resolve(spec.file()),
                    baselineDir.resolve(spec.file()));
            var map = new LinkedHashMap<String, Object>();
            map.put("job_rows", outcome.jobRows());
            map.put("sql_rows", outcome.baselineRows());
            map.put("cells_compared", outcome.cellsCompared());
            map.put("worst_percentile_relative_error", BenchResults.round(outcome.worstPercentileError(), 6));
            map.put("disagreements", outcome.disagreements().size());
            results.put("agreement_by_file", run.name() + " " + spec.file(), map);
            results.disagree(outcome.disagreements());
            System.out.printf("bench: %s %s: %d rows, %d cells compared, %d disagreements%n", run.name(), spec.file(),
                    outcome.jobRows(), outcome.cellsCompared(), outcome.disagreements().size());
        }
    }

    /**
     * The backfill's store, one more day visible: what cron runs the next night. Then the same night with a report
     * of that day alone: what a nightly run costs whatever range its report covers.
     */
    private void nightly(String job, BenchDataset.Facts facts, JobProcess jobs, String url) {
        JobFigures measured = figures.get(job);
        measured.nightly = nightly(job, facts, jobs, url, settings.days(), "nightly");
        measured.oneDayNightly = nightly(job, facts, jobs, url, 1, "nightly-one-day");
    }

    private JobProcess.Run nightly(String job, BenchDataset.Facts facts, JobProcess jobs, String url, int last,
                                   String name) {
        Path store = runs.resolve(job).resolve("backfill/store");
        JobProcess.Run run = jobs.run(job + " " + name, job, List.of("--last", Integer.toString(last), "--as-of",
                facts.nightlyAsOf().toString(), "--source-url", url, "--store-dir", store.toString()),
                runs.resolve(job).resolve(name));
        results.put(name, job, run.describe());
        results.figure(job + ": " + name + " run (--last " + last + ", one new day)", run.process().wallSeconds(),
                "s");
        results.figure(job + ": " + name + " rows read (manifest rows.read)", run.rowsRead(), "rows");
        System.out.printf("bench: %s %s (--last %d): %,d rows in %.2f s%n", job, name, last, run.rowsRead(),
                run.process().wallSeconds());
        return run;
    }

    /**
     * The memory figures at 1,000,000 source rows (a fifth of the rows at smaller scales): the last days of the
     * backfill's range that hold them, into a fresh store. Rows are the source rows the reader reads (the bare
     * count), so for transfer-speed every timed step, not only the transfers the manifest counts.
     */
    private void smallBackfill(String job, BenchDataset.Facts facts, JobProcess jobs, String url) {
        JobFigures measured = figures.get(job);
        long fullRows = measured.backfillSourceRows;
        long wanted = Math.min(1_000_000, fullRows / 5);
        long days = settings.days();
        long smallDays = Math.max(1, Math.min(days, (long) Math.ceil((double) days * wanted / fullRows)));
        LocalDate from = facts.to().minusDays(smallDays - 1);
        Path dir = runs.resolve(job).resolve("small");
        measured.small = jobs.run(job + " small backfill", job, List.of("--from", from.toString(), "--to",
                facts.to().toString(), "--as-of", facts.backfillAsOf().toString(), "--source-url", url,
                "--store-dir", dir.resolve("store").toString()), dir);
        var sql = new SqlBaseline(from, facts.to(), facts.backfillAsOf());
        measured.smallSourceRows = source.sql(floorSql(job, sql)).query(Long.class).single();
        Map<String, Object> described = new LinkedHashMap<>(measured.small.describe());
        described.put("source_rows", measured.smallSourceRows);
        described.put("range", from + " to " + facts.to());
        results.put("small_backfill", job, described);
        System.out.printf("bench: %s backfill of %d days: %,d source rows, peak RSS %.0f MiB, peak heap %.0f MiB%n",
                job, smallDays, measured.smallSourceRows, measured.small.process().peakRssMib(),
                measured.small.peakHeapMib());
    }

    private void addTargets() {
        double floor = startFloorSeconds;
        for (String name : JOBS) {
            JobFigures job = figures.get(name);
            if (job == null || job.backfill == null) {
                continue;
            }
            double wall = job.backfill.process().wallSeconds();
            results.target(name + ": full backfill / SQL baseline", wall / job.baselineSeconds, 1.0, "");
            results.target(name + ": full backfill / bare count", wall / job.floorSeconds, 2.0, "");
            results.figure(name + ": export of its rows / SQL baseline (no target: what bounds the first ratio)",
                    job.exportSeconds / job.baselineSeconds, "");
            if (job.nightly != null) {
                results.target(name + ": nightly rows read / full backfill rows read",
                        (double) job.nightly.rowsRead() / job.backfill.rowsRead(), 1.0 / 300, "");
                results.target(name + ": (nightly wall - process-start floor) / full backfill wall",
                        (job.nightly.process().wallSeconds() - floor) / wall, 0.05, "");
                results.figure(name + ": (one-day nightly wall - floor) / full backfill wall (no target: the share "
                        + "a report of any range costs)",
                        (job.oneDayNightly.process().wallSeconds() - floor) / wall, "");
            }
            if (job.small != null) {
                double full = job.backfill.process().peakRssMib();
                String rows = String.format("%,d source", job.backfillSourceRows);
                results.figure(name + ": peak RSS at " + rows + " rows", full, "MiB");
                results.figure(name + ": peak heap at " + rows + " rows", job.backfill.peakHeapMib(), "MiB");
                String smallRows = String.format("%,d source", job.smallSourceRows);
                results.figure(name + ": peak RSS at " + smallRows + " rows", job.small.process().peakRssMib(), "MiB");
                results.figure(name + ": peak heap at " + smallRows + " rows", job.small.peakHeapMib(), "MiB");
                results.target(name + ": peak RSS at " + rows + " rows", full, MIB_LIMIT, "MiB");
                results.target(name + ": peak RSS at " + rows + " / at " + smallRows + " rows",
                        full / job.small.process().peakRssMib(), 1.2, "");
            }
        }
        results.target("process-start floor (--version)", floor, 1.0, "s");
    }

    private static List<String> output(Path file) {
        try {
            return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }

    /** Maven's command line when run through the profile (its mvn script exports it), else this JVM's. */
    private static String commandLine() {
        String maven = System.getenv("MAVEN_CMD_LINE_ARGS");
        if (maven != null && !maven.isBlank()) {
            return "mvn " + maven.trim();
        }
        return "java " + String.join(" ", java.lang.management.ManagementFactory.getRuntimeMXBean()
                .getInputArguments()) + " " + Benchmark.class.getName();
    }
}
