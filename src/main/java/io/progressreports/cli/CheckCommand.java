package io.progressreports.cli;

import io.progressreports.check.Findings;
import io.progressreports.check.ReadinessCheck;
import io.progressreports.job.JobFiles;
import io.progressreports.run.JobKinds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Check that runs would work, without running one: the job files load; the source answers, "
                + "has the tables and columns each job reads, of types it can read, and the indexes it wants, and its "
                + "role can only read; naive timestamp columns are listed with the source zone they are read in; "
                + "the store answers, is migrated and takes writes; the output folder is writable.",
                "One line per finding, starting with ok, warning or error, then a summary. Warnings (a missing "
                        + "index, a role that could write) do not fail the check."},
        footer = {"", "Exit codes: 0 no errors, 64 a job file is wrong or the source lacks a table, a column (of a "
                + "type the job can read) or the right to read it, 69 source or store unusable, 73 the output folder is not writable or "
                + "--store-dir is not a store (the first that applies, in that order)."})
public class CheckCommand implements Callable<Integer> {

    @Parameters(paramLabel = "JOB", arity = "0..*", description = "Jobs to check (default: every file in jobs/).")
    List<String> jobs = List.of();

    @Option(names = "--source-url", paramLabel = "URL", description = "Source PostgreSQL, as for run (password "
            + "from REPORTS_SOURCE_PASSWORD, a file named by REPORTS_SOURCE_PASSWORD_FILE, or the URL).")
    String sourceUrl;

    @Mixin
    StoreOptions store;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: reports).")
    Path out = Path.of("reports");

    @Option(names = "--jobs-dir", paramLabel = "DIR", description = "Folder of job files (default: ./jobs).")
    Path jobsDir;

    @Override
    public Integer call() {
        var findings = new Findings(System.out);
        try (var context = store.settings().put("reports.source.url", sourceUrl).start()) {
            context.getBean(ReadinessCheck.class).run(JobFiles.locate(jobsDir, SettingsFiles.installFolder(),
                    JobKinds.fileTypes()), jobs, out, findings);
        }
        System.out.println(findings.summary());
        return findings.exitCode();
    }
}
