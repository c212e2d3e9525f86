package io.progressreports.funnel;

import io.progressreports.day.DayFormats;
import io.progressreports.day.DayReasons;
import io.progressreports.day.DayRun;
import io.progressreports.day.Definitions;
import io.progressreports.job.FunnelOrder;
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
 * Everything one funnel run needs, round-tripped through Spring Batch job parameters so that step-scoped beans
 * (and a restart in another process) see exactly what the first attempt saw.
 *
 * @param segment the breakdown's column, or null
 * @param top     how many of the largest segments the report names (with a breakdown)
 */
public record FunnelRun(String jobName, TableName table, FunnelLayout layout, FunnelDefinition definition,
                        SourceIdentity source, ZoneId zone, DateRange range, Instant asOf, Grain grain, boolean recompute, boolean dropoffs,
                        RunOptions options, SegmentColumn segment, int top) implements DayRun, FlowLauncher.LaunchedRun {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String BREAKDOWN_KEY = "breakdown";
    private static final String TOP = "breakdown_top";

    /** Same id, same days: everything that changes a stored day's numbers, nothing that does not. */
    public String definitionId() {
        return Definitions.id(definitionJson());
    }

    public String definitionJson() {
        var json = new LinkedHashMap<String, Object>();
        json.put("table", table.toString());
        json.putAll(layout.definitionKeys());
        json.put("zone", zone.getId());
        json.put("actions", definition.actions());
        json.put("steps", definition.steps());
        json.put("window", definition.window().toString());
        json.put("order", definition.order().label());
        json.put("ages", definition.ages().stream().map(Duration::toString).toList());
        if (segment != null) {
            // Only with one, so that the days of runs without a breakdown keep their definition ids. Not top:
            // the stored days hold every segment, and a report names as many of them as it is asked to.
            json.put(BREAKDOWN_KEY, segment.definition());
        }
        json.put(DayReasons.SOURCE_KEY, source.toJson());
        json.put(DayReasons.FORMAT_KEY, DayFormats.FUNNEL);
        return JSON.writeValueAsString(json);
    }

    public JobParameters toJobParameters(long attempt) {
        var parameters = RunParameters.builder(jobName, range, asOf, definitionId(), definitionJson(), grain,
                        recompute, options, attempt)
                .addString("dropoffs", Boolean.toString(dropoffs));
        return (segment == null ? parameters : parameters.addString(TOP, Integer.toString(top), false))
                .toJobParameters();
    }

    @SuppressWarnings("unchecked")
    public static FunnelRun fromJobParameters(Map<String, Object> parameters) {
        Map<String, Object> json = JSON.readValue(RunParameters.definitionJson(parameters), Map.class);
        var definition = new FunnelDefinition((List<String>) json.get("actions"), (List<String>) json.get("steps"),
                Duration.parse((String) json.get("window")), FunnelOrder.parse((String) json.get("order")),
                ((List<String>) json.get("ages")).stream().map(Duration::parse).toList());
        return new FunnelRun(RunParameters.job(parameters), TableName.parse((String) json.get("table")),
                FunnelLayout.fromDefinition(json), definition,
                SourceIdentity.fromJson((Map<String, Object>) json.get(DayReasons.SOURCE_KEY)),
                ZoneId.of((String) json.get("zone")), RunParameters.range(parameters), RunParameters.asOf(parameters),
                RunParameters.grain(parameters), RunParameters.flag(parameters, "recompute"),
                RunParameters.flag(parameters, "dropoffs"), RunParameters.options(parameters),
                json.containsKey(BREAKDOWN_KEY)
                        ? SegmentColumn.fromDefinition((Map<String, Object>) json.get(BREAKDOWN_KEY)) : null,
                parameters.containsKey(TOP) ? Integer.parseInt((String) parameters.get(TOP)) : 0);
    }

    /** Whether a cohort day can no longer change at this run's as-of. */
    public boolean isFinal(LocalDate day) {
        return !day.plusDays(1).atStartOfDay(zone).toInstant().plus(definition.horizon()).isAfter(asOf);
    }

    public int partitionDays() {
        return options.partitionDays();
    }
}
