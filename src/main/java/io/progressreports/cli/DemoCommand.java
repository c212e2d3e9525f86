package io.progressreports.cli;

import io.progressreports.demo.SourceSchema;
import io.progressreports.demo.SyntheticDeploymentData;
import io.progressreports.demo.SyntheticOnboardingData;
import io.progressreports.failure.ExitCodes;
import io.progressreports.report.ReportPublisher;
import io.progressreports.store.EmbeddedServer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.concurrent.Callable;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Start an embedded PostgreSQL, fill it with realistic synthetic onboarding data "
                + "(100,000 namespaces and about 180,000 deployments over 180 days, with some messy rows), run the "
                + "onboarding funnel and the transfer-speed report for the last 90 days and print where they are.",
                "Needs nothing but a JDK: PostgreSQL itself comes from Maven Central. The demo database is thrown "
                        + "away afterwards; reports stay in --out."})
public class DemoCommand implements Callable<Integer> {

    static final int NAMESPACES = 100_000;
    static final int DAYS = 180;
    public static final int DEPLOYMENTS_PER_DAY = 1_000;
    static final long SEED = 42;
    /** The last days' transfers are slower: the alert rule of jobs/transfer-speed.yml reports it. */
    static final int SLOW_DAYS = 2;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: reports).")
    Path out = Path.of("reports");

    // A smaller demo: the launcher's class-data-sharing training run, which needs every class a run loads but
    // not the volume.
    @Option(names = "--namespaces", hidden = true)
    int namespaces = NAMESPACES;

    @Option(names = "--deployments-per-day", hidden = true)
    int deploymentsPerDay = DEPLOYMENTS_PER_DAY;

    /**
     * The demo's deployments, {@code perDay} a day on average over the days before {@code startOfToday}: also the
     * data EtaDemoBacktestIT proves the ETA model on, without the rest of the demo.
     */
    public static SyntheticDeploymentData.Settings deployments(int perDay, Instant startOfToday) {
        return new SyntheticDeploymentData.Settings(perDay, DAYS, SEED, startOfToday).withSlowDays(SLOW_DAYS);
    }

    private int run(String job, EmbeddedServer server) {
        return RunCommand.withKindFlags(new CommandLine(new RunCommand())).setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("progress-reports: " + ExitCodes.message(e));
            return ExitCodes.of(e);
        }).execute(job, "--last", "90", "--out", out.toString(), "--source-url", server.jdbcUrlWithPassword("demo_source"),
                "--store-url", server.jdbcUrlWithPassword("postgres"));
    }

    @Override
    public Integer call() throws IOException {
        Path data = Files.createTempDirectory("progress-reports-demo-");
        long started = System.nanoTime();
        try (EmbeddedServer server = EmbeddedServer.throwaway(data)) {
            new JdbcTemplate(new DriverManagerDataSource(server.jdbcUrlWithPassword("postgres"))).execute("create database demo_source");
            var source = new DriverManagerDataSource(server.jdbcUrlWithPassword("demo_source"));
            SourceSchema.migrate(source);
            // The data's "now" is the report's default as-of, so only the deliberately future-dated actions show
            // up as "after as-of" in data_quality.csv.
            Instant startOfToday = LocalDate.now(ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
            long rows = SyntheticOnboardingData.generate(source,
                    new SyntheticOnboardingData.Settings(namespaces, DAYS, SEED, startOfToday));
            long steps = SyntheticDeploymentData.generate(source, deployments(deploymentsPerDay, startOfToday));
            System.err.printf("demo: %,d synthetic namespaces and %,d deployment steps over %d days in an embedded "
                    + "PostgreSQL (%.1f s)%n", rows, steps, DAYS, (System.nanoTime() - started) / 1e9);
            int exit = ExitCodes.OK;
            var alerted = new ArrayList<String>();
            for (String job : new String[] {"onboarding-funnel", "transfer-speed"}) {
                exit = run(job, server);
                if (exit == ExitCodes.ALERT) {
                    alerted.add(job);
                    exit = ExitCodes.OK;
                } else if (exit != ExitCodes.OK) {
                    break;
                }
            }
            // The demo's data plants a slowdown so that a newcomer sees an alert; that is the demo working, so
            // it still exits 0 (and `demo && ...` goes on), where a nightly run would exit 3.
            for (String job : alerted) {
                System.err.printf("demo: %s raised an alert, as the demo's data is made to (its last %d days of "
                        + "transfers are slower): see %s; a nightly run would exit %d%n", job, SLOW_DAYS,
                        out.resolve(job).resolve("latest").resolve("alerts.csv"), ExitCodes.ALERT);
            }
            System.err.printf("demo: done in %.1f s%n", (System.nanoTime() - started) / 1e9);
            return exit;
        } finally {
            ReportPublisher.deleteTree(data);
        }
    }
}
