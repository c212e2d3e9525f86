package io.progressreports.job;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * A job file in {@code jobs/}: what to report and how, with defaults that flags override. Unknown keys are an
 * error, so a typo cannot silently fall back to a default.
 */
public record JobFile(String name, String kind, String description, String table, List<String> steps,
                      String window, String order, List<Integer> ages, String grain, String zone, Integer last,
                      @JsonProperty("partition-days") Integer partitionDays,
                      @JsonProperty("chunk-size") Integer chunkSize,
                      @JsonProperty("steps-table") String stepsTable,
                      @JsonProperty("timings-table") String timingsTable, String grace) {

    public static final String FUNNEL = "funnel";
    public static final String TRANSFER_SPEED = "transfer-speed";
}
