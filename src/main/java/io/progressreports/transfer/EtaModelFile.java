package io.progressreports.transfer;

import io.progressreports.failure.OutputException;
import io.progressreports.report.Cells;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * eta_model.json: what a server loads to answer "how long will this take". Versioned; its bytes are a function of
 * the model alone (keys in a fixed order, numbers with fixed decimals, never in exponent form). Its top level holds
 * {@code version}, {@code zone} and one section per part of a deployment: {@code transfer} here, others beside it.
 * README "eta_model.json" documents every field, with a worked example.
 */
final class EtaModelFile {

    static final String NAME = "eta_model.json";
    /** Bump with any change a reader of the file must know of: a field renamed, removed or meaning otherwise. */
    static final int VERSION = 1;

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();
    private static final int SECONDS_SCALE = 6;
    private static final int SPEED_SCALE = 3;

    private EtaModelFile() {
    }

    /** The file's top level, its sections in order: a later part of a deployment adds its own before writing. */
    static Map<String, Object> document(EtaModel model, ZoneId zone) {
        var document = new LinkedHashMap<String, Object>();
        document.put("version", VERSION);
        document.put("zone", zone.getId());
        document.put("transfer", transfer(model));
        return document;
    }

    /**
     * The rest of a deployment: for each step name, from the deployments of the range that ran to their end, its
     * own p50/p90 duration and the p50/p90 of the summed durations of the steps after it (deployment_remaining.csv).
     */
    static List<Object> steps(List<TransferReport.RestRow> rows) {
        List<Object> steps = new ArrayList<>();
        for (TransferReport.RestRow row : rows) {
            var entry = new LinkedHashMap<String, Object>();
            entry.put("step", row.step());
            entry.put("deployments", row.deployments());
            entry.put("p50_seconds", seconds(row.p50Seconds()));
            entry.put("p90_seconds", seconds(row.p90Seconds()));
            entry.put("p50_remaining_seconds", seconds(row.p50RestSeconds()));
            entry.put("p90_remaining_seconds", seconds(row.p90RestSeconds()));
            steps.add(entry);
        }
        return steps;
    }

    /** As deployment_remaining.csv writes it, so that the file and the CSV agree to the digit. */
    private static BigDecimal seconds(double value) {
        return Double.isNaN(value) ? null : new BigDecimal(Cells.decimal(value, SECONDS_SCALE));
    }

    static void write(Path dir, Map<String, Object> document) {
        Path file = dir.resolve(NAME);
        try {
            Files.writeString(file, JSON.writeValueAsString(document) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new OutputException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> transfer(EtaModel model) {
        var transfer = new LinkedHashMap<String, Object>();
        transfer.put("model", "seconds = overhead_seconds + items / items_per_second, by the hour of the transfer's "
                + "start in zone; an hour whose line is null uses all_hours");
        transfer.put("from", model.from().toString());
        transfer.put("to", model.to().toString());
        transfer.put("transfers", model.transfers());
        var allHours = new LinkedHashMap<String, Object>();
        allHours.put("p50", line(model.allHoursP50()));
        allHours.put("p90", line(model.allHoursP90()));
        transfer.put("all_hours", allHours);
        List<Object> hours = new ArrayList<>();
        for (int hour = 0; hour < TransferCells.HOURS; hour++) {
            var entry = new LinkedHashMap<String, Object>();
            entry.put("hour", hour);
            entry.put("p50", line(model.p50ByHour().get(hour)));
            entry.put("p90", line(model.p90ByHour().get(hour)));
            hours.add(entry);
        }
        transfer.put("hours", hours);
        return transfer;
    }

    private static Map<String, Object> line(EtaFit.Line line) {
        if (line == null) {
            return null;
        }
        var fields = new LinkedHashMap<String, Object>();
        fields.put("transfers", line.transfers());
        fields.put("overhead_seconds", decimal(line.overheadSeconds(), SECONDS_SCALE));
        fields.put("items_per_second", decimal(line.itemsPerSecond(), SPEED_SCALE));
        fields.put("residual_p10_seconds", decimal(line.residualP10Seconds(), SECONDS_SCALE));
        fields.put("residual_p90_seconds", decimal(line.residualP90Seconds(), SECONDS_SCALE));
        return fields;
    }

    private static BigDecimal decimal(double value, int scale) {
        return BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_EVEN);
    }
}
