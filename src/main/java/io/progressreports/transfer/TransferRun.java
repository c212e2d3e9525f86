package io.progressreports.transfer;

import io.progressreports.report.DateRange;
import io.progressreports.report.Grain;
import io.progressreports.report.ReportOptions;
import io.progressreports.source.TableName;
import io.progressreports.store.Definitions;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Path;
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
 * @param indexAdvice the CREATE INDEX statements that would let partitions read their spans cheaply; when
 *                    there are any, the whole range is read as one partition rather than scanned once per span
 */
public record TransferRun(String jobName, TableName steps, TableName timings, ZoneId zone, DateRange range,
                          Instant asOf, Grain grain, Duration grace, boolean recompute, ReportOptions options,
                          List<String> indexAdvice) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public String definitionJson() {
        var json = new LinkedHashMap<String, Object>();
        json.put("steps_table", steps.schema() + "." + steps.table());
        json.put("timings_table", timings.schema() + "." + timings.table());
        json.put("zone", zone.getId());
        return JSON.writeValueAsString(json);
    }

    public String definitionId() {
        return Definitions.id(definitionJson());
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
                .addLong("attempt", attempt)
                .addString("definition", definitionJson(), false)
                .addString("grace", grace.toString(), false)
                .addString("indexAdvice", String.join("\n", indexAdvice), false)
                .addString("out", options.out().toString(), false)
                .addString("bom", Boolean.toString(options.bom()), false)
                .addLong("partitionDays", (long) options.partitionDays(), false)
                .toJobParameters();
    }

    @SuppressWarnings("unchecked")
    public static TransferRun fromJobParameters(Map<String, Object> parameters) {
        Map<String, Object> json = JSON.readValue((String) parameters.get("definition"), Map.class);
        String advice = (String) parameters.get("indexAdvice");
        return new TransferRun((String) parameters.get("job"), table((String) json.get("steps_table")),
                table((String) json.get("timings_table")), ZoneId.of((String) json.get("zone")),
                new DateRange(LocalDate.parse((String) parameters.get("from")),
                        LocalDate.parse((String) parameters.get("to"))),
                Instant.parse((String) parameters.get("asOf")), Grain.parse((String) parameters.get("grain")),
                Duration.parse((String) parameters.get("grace")),
                Boolean.parseBoolean((String) parameters.get("recompute")),
                new ReportOptions(Path.of((String) parameters.get("out")),
                        Boolean.parseBoolean((String) parameters.get("bom")),
                        ((Long) parameters.get("partitionDays")).intValue()),
                advice == null || advice.isEmpty() ? List.of() : List.of(advice.split("\n")));
    }

    private static TableName table(String qualified) {
        String[] parts = qualified.split("\\.", 2);
        return new TableName(parts[0], parts[1]);
    }

    /** A day is final once the grace period after its end has passed as-of: no late row is expected. */
    public boolean isFinal(LocalDate day) {
        return !day.plusDays(1).atStartOfDay(zone).toInstant().plus(grace).isAfter(asOf);
    }

    /** The last day that can hold a row finished by as-of. */
    public LocalDate lastDay() {
        LocalDate asOfDay = asOf.atZone(zone).toLocalDate();
        return asOfDay.isBefore(range.to()) ? asOfDay : range.to();
    }
}
