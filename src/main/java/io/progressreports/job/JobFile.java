package io.progressreports.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.progressreports.alert.AlertRule;

import java.util.List;

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

    /** The rules a run's figures are checked against once its report is built, and where broken ones are sent. */
    Alerts alerts();

    @JsonProperty("max-reject-rate")
    String maxRejectRate();

    @JsonProperty("source-zone")
    String sourceZone();

    /**
     * Checks the values of the keys that only this kind has, when the file is loaded (those of every kind are
     * checked next); a bad one is thrown as {@code check.at(key, reason)}.
     */
    void check(JobFileCheck check);

    /**
     * Whether this kind has the rule's figure, in a form it can check ({@code reject_rate} is every kind's).
     *
     * @throws IllegalArgumentException naming the figures and forms it has
     */
    void checkAlertRule(AlertRule rule);

    /**
     * A job file's {@code alerts:}.
     *
     * @param rules      each as a user writes it, read by {@code alert.AlertRules}
     * @param webhook    the URL to POST broken rules to, written into the file: a secret (its path usually holds a
     *                   token), so it is never shown
     * @param webhookEnv the environment variable that holds that URL, so the file can be shared; it wins over
     *                   {@code webhook} when set
     */
    record Alerts(List<String> rules, String webhook, @JsonProperty("webhook-env") String webhookEnv) {

        /** The record's own would print the URL. */
        @Override
        public String toString() {
            return "Alerts[rules=" + rules + ", webhook=" + (webhook == null ? "none" : "(secret)") + ", webhookEnv="
                    + webhookEnv + "]";
        }
    }

    /** When the scheduler (and jobs/crontab) runs the job's nightly report: five-field cron in a time zone. */
    record Schedule(String cron, String zone) {
    }
}
