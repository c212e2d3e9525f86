package io.progressreports.funnel;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.progressreports.failure.Printable;
import io.progressreports.alert.AlertRule;
import io.progressreports.job.JobFile;
import io.progressreports.job.JobFileCheck;
import io.progressreports.job.JobValues;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * A job file of kind funnel: the keys of every job file, and what a funnel counts and where its source keeps the
 * actions.
 *
 * @param actions   the action columns to read, for tables (and views) where the catalog rule would take in others
 * @param breakdown the column that splits every figure by segment, or null
 */
@JsonTypeName("funnel")
public record FunnelJobFile(String name, String description, String table, List<String> steps, String window,
                            String order, List<Integer> ages, String grain, String zone, Integer last,
                            Integer partitionDays, Integer chunkSize, JobFile.Schedule schedule, String layout,
                            @JsonProperty("namespaces-table") String namespacesTable,
                            @JsonProperty("action-codes") Map<Integer, String> actionCodes, String maxRejectRate,
                            String sourceZone, List<String> actions, JobFile.Alerts alerts,
                            Breakdown breakdown) implements JobFile {

    /** Funnel source layouts: onboarding_progresses (one column per action), or one row per namespace and action. */
    public static final String COLUMNS = "columns";
    public static final String ACTION_ROWS = "action-rows";
    /** A funnel's first step, which every namespace reaches: never the name of an action. */
    public static final String CREATED = "created";

    @Override
    public void checkAlertRule(AlertRule rule) {
        FunnelAlerts.checkRule(rule);
    }

    @Override
    public void check(JobFileCheck check) {
        if (steps != null) {
            checkSteps(check);
        }
        if (actions != null) {
            checkActions(check);
        }
        check.value("table", table, text -> JobValues.tableName("table", text));
        check.value("namespaces-table", namespacesTable, text -> JobValues.tableName("namespaces-table", text));
        check.value("window", window, text -> JobValues.duration("window", text));
        check.value("order", order, text -> JobValues.order("order", text));
        if (ages != null) {
            for (int i = 0; i < ages.size(); i++) {
                check.value("ages[" + i + "]", ages.get(i), age -> JobValues.age("ages", String.valueOf(age)));
            }
        }
        checkLayout(check);
        check.value("breakdown", breakdown, given -> given.checked("breakdown"));
        if (breakdown != null && ACTION_ROWS.equals(layout)) {
            throw check.at("breakdown", "breakdown applies to funnel jobs with layout " + COLUMNS + " only");
        }
    }

    /** The action names become step names and report cells: a bad map must stop the run, not shift its numbers. */
    private void checkLayout(JobFileCheck check) {
        String given = layout == null ? COLUMNS : layout;
        if (ACTION_ROWS.equals(given)) {
            checkActionCodes(check);
        } else if (!COLUMNS.equals(given)) {
            throw check.at("layout", "unknown layout '" + Printable.of(given) + "' (known: " + COLUMNS + ", "
                    + ACTION_ROWS + ")");
        } else if (namespacesTable != null || actionCodes != null) {
            throw check.at(namespacesTable != null ? "namespaces-table" : "action-codes",
                    "namespaces-table and action-codes need layout: " + ACTION_ROWS);
        }
    }

    private void checkActionCodes(JobFileCheck check) {
        if (actionCodes == null || actionCodes.isEmpty()) {
            throw check.at("layout", "layout " + ACTION_ROWS
                    + " needs action-codes, a map from each action code to its name, e.g. {1: git_write}");
        }
        var codeOf = new HashMap<String, Integer>();
        actionCodes.forEach((code, action) -> {
            String key = "action-codes." + code;
            check.value(key, action, text -> JobValues.stepName("action-codes " + code + ":", text));
            if (CREATED.equals(action)) {
                throw check.at(key, "action-codes " + code + ": '" + action + "' is the funnel's first step, not an"
                        + " action");
            }
            Integer other = codeOf.putIfAbsent(action, code);
            if (other != null) {
                throw check.at(key, "action-codes " + other + " and " + code + " both name '" + action + "'");
            }
        });
    }

    private void checkActions(JobFileCheck check) {
        if (ACTION_ROWS.equals(layout)) {
            throw check.at("actions", "actions applies to funnel jobs with layout " + COLUMNS
                    + " only (action-rows names its actions in action-codes)");
        }
        if (actions.isEmpty()) {
            throw check.at("actions", "actions is empty: name the action columns (without _at), or leave actions"
                    + " out");
        }
        var seen = new HashSet<String>();
        for (int i = 0; i < actions.size(); i++) {
            String key = "actions[" + i + "]";
            String action = actions.get(i);
            check.value(key, action, text -> JobValues.stepName("action", text));
            if (!seen.add(action)) {
                throw check.at(key, "action '" + action + "' appears twice in actions");
            }
            if (CREATED.equals(action)) {
                throw check.at(key, "'" + action + "' is the funnel's first step, not an action");
            }
        }
        if (steps != null) {
            for (int i = 0; i < steps.size(); i++) {
                if (!seen.contains(steps.get(i))) {
                    throw check.at("steps[" + i + "]", "step '" + steps.get(i) + "' is not in actions");
                }
            }
        }
    }

    private void checkSteps(JobFileCheck check) {
        if (steps.isEmpty()) {
            throw check.at("steps", "steps is empty: name at least one action");
        }
        var seen = new HashSet<String>();
        for (int i = 0; i < steps.size(); i++) {
            String key = "steps[" + i + "]";
            check.value(key, steps.get(i), text -> JobValues.stepName("step", text));
            if (!seen.add(steps.get(i))) {
                throw check.at(key, "step '" + steps.get(i) + "' appears twice in steps");
            }
        }
    }
}
