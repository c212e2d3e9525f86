package io.progressreports.transfer;

import io.progressreports.launch.RunOptions;
import io.progressreports.report.DateRange;
import io.progressreports.report.Grain;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/** A transfer-speed run as asked for by flags and job file, before its tables are checked against the source. */
public record TransferRequest(String jobName, String stepsTable, String timingsTable, Duration grace, ZoneId zone,
                              DateRange range, Instant asOf, Grain grain, boolean recompute, RunOptions options,
                              ZoneId sourceZone, TransferStatuses statuses) {
}
