package io.progressreports.cli;

import io.progressreports.demo.SourceSchema;
import io.progressreports.demo.SyntheticOnboardingData;
import io.progressreports.report.ReportPublisher;
import io.progressreports.store.EmbeddedServer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Start an embedded PostgreSQL, fill it with realistic synthetic onboarding data "
                + "(100,000 namespaces over 180 days, with some messy rows), run the onboarding funnel for the last "
                + "90 days and print where the reports are.",
                "Needs nothing but a JDK: PostgreSQL itself comes from Maven Central. The demo database is thrown "
                        + "away afterwards; reports stay in --out."})
public class DemoCommand implements Callable<Integer> {

    static final int NAMESPACES = 100_000;
    static final int DAYS = 180;
    static final long SEED = 42;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: reports).")
    Path out = Path.of("reports");

    @Override
    public Integer call() throws IOException {
        Path data = Files.createTempDirectory("progress-reports-demo-");
        long started = System.nanoTime();
        try (EmbeddedServer server = EmbeddedServer.start(data, false)) {
            new JdbcTemplate(new DriverManagerDataSource(server.jdbcUrl("postgres"))).execute("create database demo_source");
            var source = new DriverManagerDataSource(server.jdbcUrl("demo_source"));
            SourceSchema.migrate(source);
            // The data's "now" is the report's default as-of, so only the deliberately future-dated actions show
            // up as "after as-of" in data_quality.csv.
            Instant startOfToday = LocalDate.now(ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
            long rows = SyntheticOnboardingData.generate(source,
                    new SyntheticOnboardingData.Settings(NAMESPACES, DAYS, SEED, startOfToday));
            System.err.printf("demo: %,d synthetic namespaces over %d days in an embedded PostgreSQL (%.1f s)%n",
                    rows, DAYS, (System.nanoTime() - started) / 1e9);
            int exit = new CommandLine(new RunCommand()).setExecutionExceptionHandler((e, cmd, parsed) -> {
                cmd.getErr().println("progress-reports: " + ExitCodes.message(e));
                return ExitCodes.of(e);
            }).execute("onboarding-funnel", "--last", "90", "--out", out.toString(),
                    "--source-url", server.jdbcUrl("demo_source"), "--store-url", server.jdbcUrl("postgres"));
            System.err.printf("demo: done in %.1f s%n", (System.nanoTime() - started) / 1e9);
            return exit;
        } finally {
            ReportPublisher.deleteTree(data);
        }
    }
}
