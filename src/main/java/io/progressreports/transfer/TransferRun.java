package io.progressreports.transfer;

import io.progressreports.day.DayFormats;
import io.progressreports.day.DayPlan;
import io.progressreports.day.DayReasons;
import io.progressreports.day.DayRun;
import io.progressreports.day.Definitions;
import io.progressreports.launch.FlowLauncher;
import io.progressreports.launch.RunOptions;
import io.progressreports.launch.RunParameters;
import io.progressreports.report.DateRange;
import io.progressreports.report.Grain;
import io.progressreports.source.SourceIdentity;
import io.progressreports.source.TableName;
import org.springframework.batch.core.job.parameters.JobParameters;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one transfer-speed run needs, round-tripped through job parameters so that step-scoped beans (and a
 * restart in another process) see exactly what the first attempt saw.
 *
 * @param indexAdvice the CREATE INDEX statements that would let partitions read their spans cheaply instead of
 *                    each scanning the table
 * @param statuses    which step statuses mean completed: part of the definition, as they decide what is a transfer
 * @param unindexedUpdates the steps table has no index that serves reads by updated_at: each read of unfinished
 *                    transfers by update time scans it
 */
public record TransferRun(String jobName, TableName steps, TableName timings, SourceIdentity source, ZoneId zone, DateRange range,
                          Instant asOf, Grain grain, Duration grace, boolean recompute, RunOptions options,
                          List<String> indexAdvice, TransferStatuses statuses, boolean unindexedUpdates)
        implements DayRun, FlowLauncher.LaunchedRun {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public String definitionJson() {
        var json = new LinkedHashMap<String, Object>();
        json.put("steps_table", steps.toString());
        json.put("timings_table", timings.toString());
        json.put("zone", zone.getId());
        json.put("completed_statuses", statuses.words());
        json.put(DayReasons.SOURCE_KEY, source.toJson());
        json.put(DayReasons.FORMAT_KEY, DayFormats.TRANSFER);
        return JSON.writeValueAsString(json);
    }

    public String definitionId() {
        return Definitions.id(definitionJson());
    }

    public JobParameters toJobParameters(long attempt) {
        return RunParameters.builder(jobName, range, asOf, definitionId(), definitionJson(), grain, recompute, options,
                        attempt)
                .addString("grace", grace.toString(), false)
                .addString("indexAdvice", String.join("\n", indexAdvice), false)
                .addString("unindexedUpdates", Boolean.toString(unindexedUpdates), false)
                .toJobParameters();
    }

    @SuppressWarnings("unchecked")
    public static TransferRun fromJobParameters(Map<String, Object> parameters) {
        Map<String, Object> json = JSON.readValue(RunParameters.definitionJson(parameters), Map.class);
        String advice = (String) parameters.get("indexAdvice");
        return new TransferRun(RunParameters.job(parameters), TableName.parse((String) json.get("steps_table")),
                TableName.parse((String) json.get("timings_table")),
                SourceIdentity.fromJson((Map<String, Object>) json.get(DayReasons.SOURCE_KEY)), ZoneId.of((String) json.get("zone")),
                RunParameters.range(parameters), RunParameters.asOf(parameters), RunParameters.grain(parameters),
                Duration.parse((String) parameters.get("grace")), RunParameters.flag(parameters, "recompute"),
                RunParameters.options(parameters),
                advice == null || advice.isEmpty() ? List.of() : List.of(advice.split("\n")),
                TransferStatuses.of((List<String>) json.get("completed_statuses")),
                Boolean.parseBoolean((String) parameters.get("unindexedUpdates")));
    }

    /**
     * Whether the plan's partitions leave the unfinished transfers (no timing row, or no finish) to one pass over the
     * range: without an index on the steps' updated_at, each partition's read of them would scan the whole table,
     * so a backfill of many partitions would scan it once per partition; one pass scans it once. A single partition
     * reads both parts itself (one scan, as the pass would be).
     */
    public boolean unfinishedInOnePass(DayPlan plan) {
        return unindexedUpdates && plan.spans().size() > 1;
    }

    /** A day is final once the grace period after its end has passed as-of: no late row is expected. */
    public boolean isFinal(LocalDate day) {
        return !day.plusDays(1).atStartOfDay(zone).toInstant().plus(grace).isAfter(asOf);
    }

    public int partitionDays() {
        return options.partitionDays();
    }
}
