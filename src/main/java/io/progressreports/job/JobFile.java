package io.progressreports.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A job file in {@code jobs/}: what to report and how, with defaults that flags override. Its {@code kind:} says
 * which record it is read into: each kind's record, in its kind's package, is named by {@code @JsonTypeName} and
 * holds the keys of that kind besides these, which every kind has; it is registered with its kind
 * ({@code run.JobKind}). Unknown keys are an error, a key of another kind too, so a typo cannot silently fall back
 * to a default.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
public interface JobFile {

    String name();

    String description();

    String grain();

    String zone();

    Integer last();

    @JsonProperty("partition-days")
    Integer partitionDays();

    @JsonProperty("chunk-size")
    Integer chunkSize();

    Schedule schedule();

    @JsonProperty("max-reject-rate")
    String maxRejectRate();

    @JsonProperty("source-zone")
    String sourceZone();

    /**
     * Checks the values of the keys that only this kind has, when the file is loaded (those of every kind are
     * checked next); a bad one is thrown as {@code check.at(key, reason)}.
     */
    void check(JobFileCheck check);

    /** When the scheduler (and jobs/crontab) runs the job's nightly report: five-field cron in a time zone. */
    record Schedule(String cron, String zone) {
    }
}
