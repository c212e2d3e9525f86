package io.progressreports.check;

import io.progressreports.failure.ExitCodes;
import io.progressreports.failure.Printable;
import io.progressreports.failure.UsageException;
import io.progressreports.job.JobFile;
import io.progressreports.job.JobFiles;
import io.progressreports.run.JobKinds;
import io.progressreports.settings.ReportsProperties;
import io.progressreports.settings.SafeUrls;
import io.progressreports.source.SourceCatalog;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Whether runs would work, without running one: job files, source (tables, columns, indexes, a read-only role),
 * store and output folder. Source and store come through providers, so that one that cannot be created is a
 * finding and the others are still checked. Nothing is written but a rolled-back row and a deleted temp file.
 */
@Component
public class ReadinessCheck {

    private final ObjectProvider<SourceCatalog> source;
    private final ObjectProvider<DataSource> store;
    private final ReportsProperties properties;

    public ReadinessCheck(ObjectProvider<SourceCatalog> sourceCatalog,
                          @Qualifier("storeDataSource") ObjectProvider<DataSource> storeDataSource,
                          ReportsProperties properties) {
        this.source = sourceCatalog;
        this.store = storeDataSource;
        this.properties = properties;
    }

    /** @param names the jobs to check; empty for every job file */
    public void run(JobFiles jobFiles, List<String> names, Path out, Findings findings) {
        Map<String, JobFile> jobs = loadJobs(jobFiles, names.isEmpty() ? jobFiles.names() : names, findings);
        SourceChecks checks = connect(findings);
        if (checks != null) {
            jobs.forEach(checks::check);
        }
        checkStore(findings);
        checkOutput(out, findings);
    }

    private static Map<String, JobFile> loadJobs(JobFiles jobFiles, List<String> names, Findings findings) {
        if (names.isEmpty()) {
            findings.add(Finding.error("jobs", "no job files (see --jobs-dir)", ExitCodes.USAGE));
        }
        var jobs = new LinkedHashMap<String, JobFile>();
        for (String name : names) {
            try {
                JobFile file = jobFiles.load(name);
                jobs.put(name, file);
                findings.add(Finding.ok(name, "job file loads (" + JobKinds.of(file).name() + ")"));
            } catch (UsageException e) {
                findings.add(Finding.error(Printable.of(name), e.getMessage(), ExitCodes.USAGE));
            }
        }
        return jobs;
    }

    /** @return the checks of jobs against the source, or null when there is no connection to check with */
    private SourceChecks connect(Findings findings) {
        String url = SafeUrls.redact(properties.source().url());
        try {
            SourceCatalog catalog = source.getObject();
            String role = catalog.role();
            findings.add(Finding.ok("source", url + " reachable as role " + role));
            return new SourceChecks(catalog, role, findings);
        } catch (RuntimeException e) {
            findings.add(unusable("source", "cannot connect to " + url, e));
            return null;
        }
    }

    /** Opening the store applies its migrations; a row inserted and rolled back shows it takes writes. */
    private void checkStore(Findings findings) {
        ReportsProperties.Store settings = properties.store();
        String label = settings.url() == null || settings.url().isBlank() ? "embedded store in " + settings.dir()
                : SafeUrls.redact(settings.url());
        try {
            DataSource dataSource = store.getObject();
            var jdbc = JdbcClient.create(dataSource);
            String version = jdbc.sql("""
                            select version from progress_reports_schema_history
                            where success and version is not null order by installed_rank desc limit 1""")
                    .query(String.class).single();
            new TransactionTemplate(new JdbcTransactionManager(dataSource)).executeWithoutResult(transaction -> {
                jdbc.sql("insert into funnel_definition (definition_id, definition) values ('check', '{}') "
                        + "on conflict do nothing").update();
                transaction.setRollbackOnly();
            });
            findings.add(Finding.ok("store", label + " reachable, migrations applied (version " + version
                    + "), writable"));
        } catch (RuntimeException e) {
            findings.add(unusable("store", "cannot use " + label, e));
        }
    }

    private static void checkOutput(Path out, Findings findings) {
        Path folder = out.toAbsolutePath().normalize();
        try {
            Files.createDirectories(folder);
            Files.delete(Files.createTempFile(folder, ".check-", ".tmp"));
            findings.add(Finding.ok("output", folder + " is writable"));
        } catch (IOException e) {
            String reason = Files.isRegularFile(folder) ? "it is a file, not a folder"
                    : e.getClass().getSimpleName() + ": " + e.getMessage();
            findings.add(Finding.error("output", "cannot write to " + folder + ": " + reason,
                    ExitCodes.CANNOT_CREATE));
        }
    }

    /**
     * A bad setting (no URL, not PostgreSQL) is a usage error, and a --store-dir holding something else than a
     * store one it cannot create, as for run; anything else keeps us from the database.
     */
    private static Finding unusable(String subject, String what, RuntimeException e) {
        int code = ExitCodes.of(e);
        if (code == ExitCodes.USAGE || code == ExitCodes.CANNOT_CREATE) {
            return Finding.error(subject, ExitCodes.message(e), code);
        }
        return Finding.error(subject, what + ": " + ExitCodes.message(e), ExitCodes.UNAVAILABLE);
    }
}
