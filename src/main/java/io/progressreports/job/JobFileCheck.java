package io.progressreports.job;

import io.progressreports.failure.Printable;
import io.progressreports.failure.UsageException;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Checks every value of a job file when it is loaded, so a bad file fails at once (and a scheduled job fails when
 * the scheduler starts, not at 02:30), naming the file, the line and the value. Only action names wait for the
 * source's catalog.
 */
final class JobFileCheck {

    private final Path file;
    private final KeyLines lines;

    JobFileCheck(Path file, KeyLines lines) {
        this.file = file;
        this.lines = lines;
    }

    void check(JobFile job) {
        if (!JobFile.FUNNEL.equals(job.kind()) && !JobFile.TRANSFER_SPEED.equals(job.kind())) {
            throw at("kind", "unknown kind '" + Printable.of(job.kind()) + "' (known: funnel, transfer-speed)");
        }
        if (job.steps() != null) {
            checkSteps(job.steps());
        }
        if (job.actions() != null) {
            checkActions(job);
        }
        value("table", job.table(), text -> JobValues.tableName("table", text));
        value("namespaces-table", job.namespacesTable(), text -> JobValues.tableName("namespaces-table", text));
        value("steps-table", job.stepsTable(), text -> JobValues.tableName("steps-table", text));
        value("timings-table", job.timingsTable(), text -> JobValues.tableName("timings-table", text));
        value("window", job.window(), text -> JobValues.duration("window", text));
        value("grace", job.grace(), text -> JobValues.duration("grace", text));
        value("order", job.order(), text -> JobValues.order("order", text));
        value("grain", job.grain(), text -> JobValues.grain("grain", text));
        value("zone", job.zone(), text -> JobValues.zone("zone", text));
        value("source-zone", job.sourceZone(), text -> JobValues.zone("source-zone", text));
        value("last", job.last(), days -> JobValues.lastDays("last", days));
        value("partition-days", job.partitionDays(), n -> JobValues.atLeastOne("partition-days", n));
        value("chunk-size", job.chunkSize(), n -> JobValues.atLeastOne("chunk-size", n));
        value("max-reject-rate", job.maxRejectRate(), text -> JobValues.rejectRate("max-reject-rate", text));
        if (job.ages() != null) {
            for (int i = 0; i < job.ages().size(); i++) {
                value("ages[" + i + "]", job.ages().get(i), age -> JobValues.age("ages", String.valueOf(age)));
            }
        }
        if (job.schedule() != null) {
            schedule(job);
        }
        if (job.statuses() != null) {
            statuses(job);
        }
        layout(job);
    }

    /** The action names become step names and report cells: a bad map must stop the run, not shift its numbers. */
    private void layout(JobFile job) {
        boolean given = job.layout() != null || job.namespacesTable() != null || job.actionCodes() != null;
        String layout = job.layout() == null ? JobFile.COLUMNS : job.layout();
        if (given && !JobFile.FUNNEL.equals(job.kind())) {
            throw at(job.layout() != null ? "layout" : job.namespacesTable() != null ? "namespaces-table"
                    : "action-codes", "layout, namespaces-table and action-codes apply to funnel jobs only");
        }
        if (JobFile.ACTION_ROWS.equals(layout)) {
            actionCodes(job.actionCodes());
        } else if (!JobFile.COLUMNS.equals(layout)) {
            throw at("layout", "unknown layout '" + Printable.of(layout) + "' (known: " + JobFile.COLUMNS
                    + ", " + JobFile.ACTION_ROWS + ")");
        } else if (job.namespacesTable() != null || job.actionCodes() != null) {
            throw at(job.namespacesTable() != null ? "namespaces-table" : "action-codes",
                    "namespaces-table and action-codes need layout: " + JobFile.ACTION_ROWS);
        }
    }

    private void actionCodes(Map<Integer, String> codes) {
        if (codes == null || codes.isEmpty()) {
            throw at("layout", "layout " + JobFile.ACTION_ROWS
                    + " needs action-codes, a map from each action code to its name, e.g. {1: git_write}");
        }
        var codeOf = new HashMap<String, Integer>();
        codes.forEach((code, name) -> {
            String key = "action-codes." + code;
            value(key, name, text -> JobValues.stepName("action-codes " + code + ":", text));
            if (JobFile.CREATED.equals(name)) {
                throw at(key, "action-codes " + code + ": '" + name + "' is the funnel's first step, not an action");
            }
            Integer other = codeOf.putIfAbsent(name, code);
            if (other != null) {
                throw at(key, "action-codes " + other + " and " + code + " both name '" + name + "'");
            }
        });
    }

    /** The words that mean a completed transfer: a typo here would empty the report, so each must be a word. */
    private void statuses(JobFile job) {
        if (!JobFile.TRANSFER_SPEED.equals(job.kind())) {
            throw at("statuses", "statuses applies to transfer-speed jobs only");
        }
        if (job.statuses().isEmpty()) {
            throw at("statuses", "statuses is empty: list the status words that mean a completed transfer, "
                    + "e.g. [completed]");
        }
        for (int i = 0; i < job.statuses().size(); i++) {
            String status = job.statuses().get(i);
            if (status == null || status.isBlank()) {
                throw at("statuses[" + i + "]", "statuses[" + i + "] is blank: list status words, e.g. [completed]");
            }
        }
    }

    private void schedule(JobFile job) {
        if (job.schedule().cron() == null) {
            throw at("schedule", "schedule needs a cron, e.g. cron: \"30 2 * * *\"");
        }
        value("schedule.zone", job.schedule().zone(), text -> JobValues.zone("schedule.zone", text));
        value("schedule.cron", job, CronSchedule::of);
    }

    /** A list of the action columns, for tables (and views) where the catalog rule would take in others. */
    private void checkActions(JobFile job) {
        if (!JobFile.FUNNEL.equals(job.kind()) || JobFile.ACTION_ROWS.equals(job.layout())) {
            throw at("actions", "actions applies to funnel jobs with layout " + JobFile.COLUMNS
                    + " only (action-rows names its actions in action-codes)");
        }
        if (job.actions().isEmpty()) {
            throw at("actions", "actions is empty: name the action columns (without _at), or leave actions out");
        }
        var seen = new HashSet<String>();
        for (int i = 0; i < job.actions().size(); i++) {
            String key = "actions[" + i + "]";
            String action = job.actions().get(i);
            value(key, action, text -> JobValues.stepName("action", text));
            if (!seen.add(action)) {
                throw at(key, "action '" + action + "' appears twice in actions");
            }
            if (JobFile.CREATED.equals(action)) {
                throw at(key, "'" + action + "' is the funnel's first step, not an action");
            }
        }
        if (job.steps() != null) {
            for (int i = 0; i < job.steps().size(); i++) {
                if (!seen.contains(job.steps().get(i))) {
                    throw at("steps[" + i + "]", "step '" + job.steps().get(i) + "' is not in actions");
                }
            }
        }
    }

    private void checkSteps(List<String> steps) {
        if (steps.isEmpty()) {
            throw at("steps", "steps is empty: name at least one action");
        }
        var seen = new HashSet<String>();
        for (int i = 0; i < steps.size(); i++) {
            String key = "steps[" + i + "]";
            value(key, steps.get(i), text -> JobValues.stepName("step", text));
            if (!seen.add(steps.get(i))) {
                throw at(key, "step '" + steps.get(i) + "' appears twice in steps");
            }
        }
    }

    /** Parses a value that is present; the parser's error gets the file and line. */
    private <T> void value(String key, T value, Function<T, ?> parse) {
        if (value == null) {
            return;
        }
        try {
            parse.apply(value);
        } catch (UsageException e) {
            throw at(key, e.getMessage());
        }
    }

    private UsageException at(String key, String reason) {
        return new UsageException(file + " line " + lines.line(key) + ": " + reason);
    }
}
