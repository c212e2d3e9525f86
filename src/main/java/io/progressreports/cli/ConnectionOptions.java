package io.progressreports.cli;

import io.progressreports.job.JobFiles;
import io.progressreports.job.JobValues;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Where the data comes from and the reports go, and how hard to work: the options of run and schedule. */
public class ConnectionOptions {

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: reports).")
    Path out = Path.of("reports");

    @Option(names = "--source-url", paramLabel = "URL", description = "Source PostgreSQL, e.g. jdbc:postgresql://replica:5432/gitlab?user=reports (read only).")
    String sourceUrl;

    @Option(names = "--store-url", paramLabel = "URL", description = "Store PostgreSQL for batch metadata and daily aggregates (default: embedded, see --store-dir).")
    String storeUrl;

    @Option(names = "--store-dir", paramLabel = "DIR", description = "Data folder of the embedded store (default: ~/.progress-reports/store).")
    Path storeDir;

    @Option(names = "--jobs-dir", paramLabel = "DIR", description = "Folder of job files (default: ./jobs).")
    Path jobsDir;

    @Option(names = "--chunk-size", paramLabel = "N", description = "Rows per chunk and store transaction (default: the job file's).")
    Integer chunkSize;

    @Option(names = "--threads", paramLabel = "N", description = "Partitions computed side by side (default: number of cores).")
    Integer threads;

    JobFiles jobFiles() {
        return JobFiles.locate(jobsDir);
    }

    /** The application settings, without the chunk size (see {@link ReportApplications}). */
    SpringSettings settings() {
        return new SpringSettings()
                .put("reports.source.url", sourceUrl)
                .put("reports.store.url", storeUrl)
                .put("reports.store.dir", storeDir)
                .put("reports.threads", JobValues.atLeastOne("--threads", threads != null ? threads
                        : Runtime.getRuntime().availableProcessors()));
    }
}
