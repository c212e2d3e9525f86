package io.progressreports.funnel;

import io.progressreports.report.DateRange;
import io.progressreports.report.Grain;
import io.progressreports.report.ReportOptions;
import io.progressreports.source.TableName;
import io.progressreports.store.Definitions;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
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
 */
public record FunnelRun(String jobName, TableName table, FunnelDefinition definition, ZoneId zone, DateRange range,
                        Instant asOf, Grain grain, boolean recompute, boolean dropoffs, ReportOptions options) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Same id, same days: everything that changes a stored day's numbers, nothing that does not. */
    public String definitionId() {
        return Definitions.id(definitionJson());
    }

    public String definitionJson() {
        var json = new LinkedHashMap<String, Object>();
        json.put("table", table.schema() + "." + table.table());
        json.put("zone", zone.getId());
        json.put("actions", definition.actions());
        json.put("steps", definition.steps());
        json.put("window", definition.window().toString());
        json.put("order", definition.order().label());
        json.put("ages", definition.ages().stream().map(Duration::toString).toList());
        return JSON.writeValueAsString(json);
    }

    public JobParameters toJobParameters(long attempt) {
        return new JobParametersBuilder()
                .addString("job", jobName)
                .addString("from", range.from().toString())
                .addString("to", range.to().toString())
                .addString("asOf", asOf.toString())
                .addString("definitionId", definitionId())
                .addString("grain", grain.label())
                .addString("recompute", Boolean.toString(recompute))
                .addString("dropoffs", Boolean.toString(dropoffs))
                .addLong("attempt", attempt)
                .addString("definition", definitionJson(), false)
                .addString("out", options.out().toString(), false)
                .addString("bom", Boolean.toString(options.bom()), false)
                .addLong("partitionDays", (long) options.partitionDays(), false)
                .toJobParameters();
    }

    @SuppressWarnings("unchecked")
    public static FunnelRun fromJobParameters(Map<String, Object> parameters) {
        Map<String, Object> json = JSON.readValue((String) parameters.get("definition"), Map.class);
        String[] table = ((String) json.get("table")).split("\\.", 2);
        var definition = new FunnelDefinition((List<String>) json.get("actions"), (List<String>) json.get("steps"),
                Duration.parse((String) json.get("window")), FunnelOrder.parse((String) json.get("order")),
                ((List<String>) json.get("ages")).stream().map(Duration::parse).toList());
        var options = new ReportOptions(java.nio.file.Path.of((String) parameters.get("out")),
                Boolean.parseBoolean((String) parameters.get("bom")), ((Long) parameters.get("partitionDays")).intValue());
        return new FunnelRun((String) parameters.get("job"), new TableName(table[0], table[1]), definition,
                ZoneId.of((String) json.get("zone")),
                new DateRange(LocalDate.parse((String) parameters.get("from")),
                        LocalDate.parse((String) parameters.get("to"))),
                Instant.parse((String) parameters.get("asOf")), Grain.parse((String) parameters.get("grain")),
                Boolean.parseBoolean((String) parameters.get("recompute")),
                Boolean.parseBoolean((String) parameters.get("dropoffs")), options);
    }

    /** Whether a cohort day can no longer change at this run's as-of. */
    public boolean isFinal(LocalDate day) {
        return !day.plusDays(1).atStartOfDay(zone).toInstant().plus(definition.horizon()).isAfter(asOf);
    }

    /** The last cohort day that can hold a namespace: the day of as-of (created_at <= as-of), within the range. */
    public LocalDate lastCohortDay() {
        LocalDate asOfDay = asOf.atZone(zone).toLocalDate();
        return asOfDay.isBefore(range.to()) ? asOfDay : range.to();
    }
}
