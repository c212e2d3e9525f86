package io.progressreports.cli;

import io.progressreports.demo.SourceSchema;
import io.progressreports.demo.SyntheticDeploymentData;
import io.progressreports.demo.SyntheticOnboardingData;
import io.progressreports.failure.ExitCodes;
import io.progressreports.failure.UsageException;
import io.progressreports.settings.ReportsProperties;
import io.progressreports.settings.SafeUrls;
import io.progressreports.source.Passwords;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;

@Command(name = "seed", mixinStandardHelpOptions = true,
        description = {"Create the source tables in a PostgreSQL database (if missing) and fill them with synthetic "
                + "onboarding and deployment data, generated inside PostgreSQL. Replaces what the tables held: never "
                + "point it at real data. The role must own the tables (loading drops and recreates their keys and "
                + "indexes, in one transaction, to load fast)."})
public class SeedCommand implements Callable<Integer> {

    @Option(names = "--source-url", required = true, paramLabel = "URL",
            description = "PostgreSQL to fill, e.g. jdbc:postgresql://localhost:5432/scratch?user=me "
                    + "(password from REPORTS_SOURCE_PASSWORD or a file named by REPORTS_SOURCE_PASSWORD_FILE).")
    String sourceUrl;

    @Option(names = "--namespaces", paramLabel = "N", defaultValue = "100000",
            description = "onboarding_progresses rows (default: ${DEFAULT-VALUE}).")
    int namespaces;

    @Option(names = "--deployments", paramLabel = "N", defaultValue = "0",
            description = "Deployments in all, spread over the days (with their steps and timings; default: none).")
    int deployments;

    @Option(names = "--days", paramLabel = "N", defaultValue = "180", description = "Days of history (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Random seed: the same seed gives the same data (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        if (namespaces < 1 || deployments < 0 || days < 1 || days > 36_600) {
            throw new UsageException("--namespaces must be at least 1, --deployments at least 0 and --days from 1 "
                    + "to 36600");
        }
        if (!sourceUrl.startsWith("jdbc:postgresql:")) {
            throw new UsageException("--source-url must be a PostgreSQL JDBC URL, not '" + SafeUrls.redact(sourceUrl) + "'");
        }
        var source = new DriverManagerDataSource(sourceUrl);
        String passwordFile = System.getenv("REPORTS_SOURCE_PASSWORD_FILE");
        String password = Passwords.of("source", new ReportsProperties.Database(sourceUrl, null,
                System.getenv("REPORTS_SOURCE_PASSWORD"), passwordFile == null ? null : Path.of(passwordFile)));
        if (password != null) {
            source.setPassword(password);
        }
        SourceSchema.migrate(source);
        long rows = SyntheticOnboardingData.generate(source,
                new SyntheticOnboardingData.Settings(namespaces, days, seed, Instant.now()));
        System.out.printf("seeded %,d onboarding_progresses rows over %d days into %s%n", rows, days,
                SafeUrls.redact(sourceUrl));
        if (deployments > 0) {
            long steps = SyntheticDeploymentData.generate(source, new SyntheticDeploymentData.Settings(
                    Math.max(1, deployments / days), days, seed, Instant.now()));
            System.out.printf("seeded %,d deployment_steps rows over %d days%n", steps, days);
        }
        return ExitCodes.OK;
    }
}
