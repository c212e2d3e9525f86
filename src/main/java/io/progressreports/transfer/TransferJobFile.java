package io.progressreports.transfer;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.progressreports.alert.AlertRule;
import io.progressreports.job.JobFile;
import io.progressreports.job.JobFileCheck;
import io.progressreports.job.JobValues;

import java.util.List;

/**
 * A job file of kind transfer-speed: the keys of every job file, and the tables of deployment steps and their
 * timings.
 *
 * @param statuses the status words that mean a completed transfer
 * @param grace    how long after its end a day is final
 */
@JsonTypeName("transfer-speed")
public record TransferJobFile(String name, String description, @JsonProperty("steps-table") String stepsTable,
                              @JsonProperty("timings-table") String timingsTable, List<String> statuses,
                              String grace, String grain, String zone, Integer last, Integer partitionDays,
                              Integer chunkSize, JobFile.Schedule schedule, String maxRejectRate, String sourceZone, JobFile.Alerts alerts)
        implements JobFile {

    @Override
    public void checkAlertRule(AlertRule rule) {
        TransferAlerts.checkRule(rule);
    }

    @Override
    public void check(JobFileCheck check) {
        check.value("steps-table", stepsTable, text -> JobValues.tableName("steps-table", text));
        check.value("timings-table", timingsTable, text -> JobValues.tableName("timings-table", text));
        check.value("grace", grace, text -> JobValues.duration("grace", text));
        if (statuses != null) {
            checkStatuses(check);
        }
    }

    /** The words that mean a completed transfer: a typo here would empty the report, so each must be a word. */
    private void checkStatuses(JobFileCheck check) {
        if (statuses.isEmpty()) {
            throw check.at("statuses", "statuses is empty: list the status words that mean a completed transfer, "
                    + "e.g. [completed]");
        }
        for (int i = 0; i < statuses.size(); i++) {
            String status = statuses.get(i);
            if (status == null || status.isBlank()) {
                throw check.at("statuses[" + i + "]", "statuses[" + i + "] is blank: list status words, e.g. "
                        + "[completed]");
            }
        }
    }
}
