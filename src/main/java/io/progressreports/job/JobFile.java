package io.progressreports.job;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/**
 * A job file in {@code jobs/}: what to report and how, with defaults that flags override. Unknown keys are an
 * error, so a typo cannot silently fall back to a default.
 */
public record JobFile(String name, String kind, String description, String table, List<String> steps,
                      String window, String order, List<Integer> ages, String grain, String zone, Integer last,
                      @JsonProperty("partition-days") Integer partitionDays,
                      @JsonProperty("chunk-size") Integer chunkSize,
                      @JsonProperty("steps-table") String stepsTable,
                      @JsonProperty("timings-table") String timingsTable, String grace, Schedule schedule,
                      String layout,
                      @JsonProperty("namespaces-table") String namespacesTable,
                      @JsonProperty("action-codes") Map<Integer, String> actionCodes,
                      @JsonProperty("max-reject-rate") String maxRejectRate,
                      @JsonProperty("source-zone") String sourceZone, List<String> actions,
                      List<String> statuses) {

    public static final String FUNNEL = "funnel";
    public static final String TRANSFER_SPEED = "transfer-speed";
    /** Funnel source layouts: onboarding_progresses (one column per action), or one row per namespace and action. */
    public static final String COLUMNS = "columns";
    public static final String ACTION_ROWS = "action-rows";
    /** A funnel's first step, which every namespace reaches: never the name of an action. */
    public static final String CREATED = "created";

    /** When the scheduler (and jobs/crontab) runs the job's nightly report: five-field cron in a time zone. */
    public record Schedule(String cron, String zone) {
    }
}
