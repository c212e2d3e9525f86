package io.progressreports.check;

import io.progressreports.cli.ExitCodes;
import io.progressreports.cli.UsageException;
import io.progressreports.job.JobFile;
import io.progressreports.source.SourceCatalog;
import io.progressreports.source.TableName;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** One job against the source's catalog: its tables, the columns it reads, the indexes it wants, the role's rights. */
final class SourceChecks {

    private static final String SELECT = "SELECT";

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
        if (JobFile.FUNNEL.equals(file.kind()) && (file.steps() == null || file.steps().isEmpty())) {
            findings.add(Finding.warning(job, "the job file names no steps, so every run needs --steps"));
        }
        var tables = new ArrayList<TableName>();
        for (TableNeeds needs : TableNeeds.of(file)) {
            try {
                TableName table = catalog.table(needs.table());
                checkColumns(job, needs, table);
                checkIndex(job, needs, table);
                tables.add(table);
            } catch (UsageException e) {
                findings.add(Finding.error(job, e.getMessage(), ExitCodes.USAGE));
            }
        }
        if (!tables.isEmpty()) {
            checkPrivileges(job, tables);
        }
    }

    private void checkColumns(String job, TableNeeds needs, TableName table) {
        List<String> present = catalog.columns(table);
        List<String> actions = catalog.actions(table);
        var problems = new ArrayList<String>();
        for (String column : needs.columns()) {
            if (!present.contains(column)) {
                problems.add("column " + needs.table() + "." + column + " does not exist");
            }
        }
        for (String action : needs.actions()) {
            String column = "column " + needs.table() + "." + action + "_at";
            if (!present.contains(action + "_at")) {
                problems.add(column + " does not exist (step " + action + ")");
            } else if (!actions.contains(action)) {
                problems.add(column + " is not a nullable timestamp (step " + action + ")");
            }
        }
        if (problems.isEmpty()) {
            findings.add(Finding.ok(job, needs.table() + " has the columns the job reads"));
        }
        problems.forEach(problem -> findings.add(Finding.error(job, problem, ExitCodes.USAGE)));
    }

    private void checkIndex(String job, TableNeeds needs, TableName table) {
        if (catalog.hasIndexOn(table, needs.indexColumn())) {
            findings.add(Finding.ok(job, needs.table() + " has an index leading with " + needs.indexColumn()));
        } else {
            findings.add(Finding.warning(job, needs.table() + " has no index leading with " + needs.indexColumn()
                    + ", so runs scan the table; create one: " + SourceCatalog.indexStatement(table,
                    needs.indexColumn())));
        }
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
