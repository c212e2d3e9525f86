package io.progressreports.cli;

import io.progressreports.job.JobFiles;
import io.progressreports.job.JobValues;
import io.progressreports.run.JobKinds;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Where the data comes from and the reports go, and how hard to work: the options of run and schedule. */
public class ConnectionOptions {

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: reports).")
    Path out = Path.of("reports");

    @Option(names = "--source-url", paramLabel = "URL", description = "Source PostgreSQL, e.g. jdbc:postgresql://replica:5432/gitlab?user=reports (read only).")
    String sourceUrl;

    @Option(names = "--source-user", paramLabel = "USER", description = "Source role (default: the URL's).")
    String sourceUser;

    @Option(names = "--source-read-timeout", paramLabel = "D", description = "End the run (exit 69) when the source "
            + "sends nothing for this long, e.g. 30m or PT1H (default: 10m); a query's time to its first row counts.")
    String sourceReadTimeout;

    @Mixin
    StoreOptions store;

    @Option(names = "--jobs-dir", paramLabel = "DIR", description = "Folder of job files (default: ./jobs).")
    Path jobsDir;

    @Option(names = "--chunk-size", paramLabel = "N", description = "Rows per chunk and store transaction (default: the job file's, else 2000).")
    Integer chunkSize;

    @Option(names = "--threads", paramLabel = "N", description = "Partitions computed side by side (default: number of cores).")
    Integer threads;

    @Option(names = "--progress-interval", paramLabel = "D", description = "Without a terminal, log progress this "
            + "often, e.g. 30s or PT1M (default: 5s); on a terminal a progress bar shows it.")
    String progressInterval;

    JobFiles jobFiles() {
        return JobFiles.locate(jobsDir, SettingsFiles.installFolder(), JobKinds.fileTypes());
    }

    /**
     * The flags as the application's highest-precedence settings; what a flag leaves unset comes from the
     * environment, then application.yml, then defaults (for the chunk size the job file's first: see
     * run.RunRequests). A bad chunk size is refused here, before anything starts.
     */
    SpringSettings settings() {
        return store.addTo(new SpringSettings())
                .put("reports.source.url", sourceUrl)
                .put("reports.source.user", sourceUser)
                .put("reports.source.read-timeout", sourceReadTimeout)
                .put("reports.chunk-size", chunkSize == null ? null
                        : JobValues.atLeastOne("--chunk-size", chunkSize))
                .put("reports.threads", threads)
                .put("reports.progress-interval", progressInterval);
    }
}
