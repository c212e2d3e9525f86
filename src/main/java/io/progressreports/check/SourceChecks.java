package io.progressreports.check;

import io.progressreports.failure.ExitCodes;
import io.progressreports.failure.UsageException;
import io.progressreports.job.JobFile;
import io.progressreports.run.JobKind;
import io.progressreports.run.JobKinds;
import io.progressreports.source.RequiredColumn;
import io.progressreports.source.SourceCatalog;
import io.progressreports.source.TableName;
import io.progressreports.source.TableNeeds;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** One job against the source's catalog: its tables, the columns it reads, the indexes it wants, the role's rights. */
final class SourceChecks {

    private static final String SELECT = "SELECT";
    private static final String NAIVE = "timestamp without time zone";

    private final SourceCatalog catalog;
    private final String role;
    private final Findings findings;

    SourceChecks(SourceCatalog catalog, String role, Findings findings) {
        this.catalog = catalog;
        this.role = role;
        this.findings = findings;
    }

    void check(String job, JobFile file) {
        try {
            checkTables(job, file);
        } catch (RuntimeException e) {
            // A name the catalog cannot even parse is the job file's fault; a lost connection is not.
            findings.add(Finding.error(job, ExitCodes.message(e), ExitCodes.of(e) == ExitCodes.UNAVAILABLE
                    ? ExitCodes.UNAVAILABLE : ExitCodes.USAGE));
        }
    }

    private void checkTables(String job, JobFile file) {
        JobKind<JobFile> kind = JobKinds.of(file);
        kind.warnings(file).forEach(warning -> findings.add(Finding.warning(job, warning)));
        webhookWarning(file).ifPresent(warning -> findings.add(Finding.warning(job, warning)));
        var tables = new ArrayList<TableName>();
        for (TableNeeds needs : kind.tableNeeds(file)) {
            try {
                TableName table = catalog.table(needs.table());
                checkColumns(job, needs, table, sourceZone(file));
                needs.indexColumns().forEach(column -> checkIndex(job, needs.table(), table, column));
                if (needs.uniqueColumn() != null) {
                    catalog.uniqueKeyProblem(table, needs.uniqueColumn()).ifPresentOrElse(
                            problem -> findings.add(Finding.error(job, problem, ExitCodes.USAGE)),
                            () -> findings.add(Finding.ok(job, needs.table() + " has a unique key on "
                                    + needs.uniqueColumn())));
                }
                tables.add(table);
            } catch (UsageException e) {
                findings.add(Finding.error(job, e.getMessage(), ExitCodes.USAGE));
            }
        }
        if (!tables.isEmpty()) {
            checkPrivileges(job, tables);
        }
    }

    /** A webhook in a variable this environment lacks: a run here would log that its alerts were not posted. */
    private static Optional<String> webhookWarning(JobFile file) {
        JobFile.Alerts alerts = file.alerts();
        if (alerts == null || alerts.webhookEnv() == null || System.getenv(alerts.webhookEnv()) != null) {
            return Optional.empty();
        }
        return Optional.of("alerts.webhook-env names " + alerts.webhookEnv() + ", which is not set here, so broken "
                + "rules would " + (alerts.webhook() == null ? "not be posted" : "go to alerts.webhook")
                + " (set it where cron or the scheduler runs)");
    }

    /** As run checks them before reading: every column read, by type; then the steps among the actions. */
    private void checkColumns(String job, TableNeeds needs, TableName table, ZoneId sourceZone) {
        List<String> present = catalog.columns(table);
        var read = new ArrayList<>(needs.columns().in(catalog, table));
        var problems = new ArrayList<>(catalog.columnProblems(table, read));
        List<String> readNames = RequiredColumn.names(read);
        for (String step : needs.steps()) {
            String column = "column " + needs.table() + "." + step + SourceCatalog.ACTION_SUFFIX;
            if (readNames.contains(step + SourceCatalog.ACTION_SUFFIX)) {
                continue;
            }
            if (!present.contains(step + SourceCatalog.ACTION_SUFFIX)) {
                problems.add(column + " does not exist (step " + step + ")");
            } else {
                problems.add(column + " is not a nullable timestamp (step " + step + ")");
            }
        }
        if (problems.isEmpty()) {
            findings.add(Finding.ok(job, needs.table() + " has the columns the job reads"));
            Map<String, String> types = catalog.columnTypes(table);
            List<String> naive = readNames.stream().filter(name -> NAIVE.equals(types.get(name))).toList();
            if (!naive.isEmpty()) {
                findings.add(Finding.ok(job, needs.table() + " has " + NAIVE + " columns (" + String.join(", ", naive)
                        + "): read as wall times in " + sourceZone.getId() + " (source-zone)"));
            }
        }
        problems.forEach(problem -> findings.add(Finding.error(job, problem, ExitCodes.USAGE)));
    }

    /** Never a CREATE INDEX on a view, which PostgreSQL refuses: on the base table it reads, or no advice. */
    private void checkIndex(String job, String named, TableName table, String column) {
        Optional<TableName> target = catalog.indexTarget(table, column);
        if (target.isEmpty()) {
            findings.add(Finding.warning(job, named + " is a view whose " + column + " the catalog cannot "
                    + "follow to one table, so check cannot advise an index: without one on the column it comes "
                    + "from, runs scan the table"));
            return;
        }
        String where = target.get().equals(table) ? "" : " (in " + target.get() + ", the table the view reads)";
        if (catalog.hasIndexOn(target.get(), column)) {
            findings.add(Finding.ok(job, named + " has an index leading with " + column + where));
        } else {
            findings.add(Finding.warning(job, named + " has no index leading with " + column + where
                    + ", so runs scan the table; create one: " + SourceCatalog.indexStatement(target.get(),
                    column)));
        }
    }

    private static ZoneId sourceZone(JobFile file) {
        return ZoneId.of(file.sourceZone() == null ? "UTC" : file.sourceZone());
    }

    /** The job needs SELECT and nothing more: a role that can write turns a mistake into damage. */
    private void checkPrivileges(String job, List<TableName> tables) {
        boolean readOnly = true;
        Set<String> schemas = new LinkedHashSet<>();
        for (TableName table : tables) {
            List<String> privileges = new ArrayList<>(catalog.privileges(table));
            if (!privileges.remove(SELECT)) {
                readOnly = false;
                findings.add(Finding.error(job, "role " + role + " cannot SELECT from " + table, ExitCodes.USAGE));
            }
            if (!privileges.isEmpty()) {
                readOnly = false;
                findings.add(Finding.warning(job, "role " + role + " can " + String.join(", ", privileges) + " on "
                        + table + "; the job needs only SELECT"));
            }
            schemas.add(table.schema());
        }
        for (String schema : schemas) {
            if (catalog.canCreateIn(schema)) {
                readOnly = false;
                findings.add(Finding.warning(job, "role " + role + " can CREATE in schema " + schema
                        + "; the job needs only SELECT"));
            }
        }
        if (readOnly) {
            findings.add(Finding.ok(job, "role " + role + " can read " + String.join(", ",
                    tables.stream().map(TableName::toString).toList()) + " and nothing more"));
        }
    }
}
