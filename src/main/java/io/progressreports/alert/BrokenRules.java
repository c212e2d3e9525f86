package io.progressreports.alert;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The alerts of a run, kept in its job execution context (where the launch, the recorded exit code and
 * {@code history} find them), and the JSON body a webhook gets.
 */
public final class BrokenRules {

    private static final String KEY = "alerts.broken";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private BrokenRules() {
    }

    public static void putInto(ExecutionContext context, List<Alert> alerts) {
        if (!alerts.isEmpty()) {
            context.putString(KEY, JSON.writeValueAsString(fields(alerts)));
        }
    }

    /** Empty for a run that broke no rule, or that never reached its report. */
    public static List<Alert> from(ExecutionContext context) {
        if (!context.containsKey(KEY)) {
            return List.of();
        }
        List<Map<String, Object>> list = JSON.readValue(context.getString(KEY), new TypeReference<>() {
        });
        return list.stream().map(fields -> new Alert((String) fields.get("rule"), (String) fields.get("figure"),
                LocalDate.parse((String) fields.get("period_start")), LocalDate.parse((String) fields.get("period_end")),
                number(fields.get("value")), number(fields.get("limit")))).toList();
    }

    /**
     * What a webhook is sent: {@code {"job": ..., "report": <folder>, "alerts": [{"figure", "rule", "period_start",
     * "period_end", "value", "limit"}, ...]}}, the columns of alerts.csv.
     */
    public static String body(String job, Path report, List<Alert> alerts) {
        var body = new LinkedHashMap<String, Object>();
        body.put("job", job);
        body.put("report", report.toAbsolutePath().normalize().toString());
        body.put("alerts", fields(alerts));
        return JSON.writeValueAsString(body);
    }

    /** The alerts as the manifest lists them: the columns of alerts.csv. */
    public static List<Map<String, Object>> fields(List<Alert> alerts) {
        return alerts.stream().map(BrokenRules::fields).toList();
    }

    private static Map<String, Object> fields(Alert alert) {
        var fields = new LinkedHashMap<String, Object>();
        fields.put("figure", alert.figure());
        fields.put("rule", alert.rule());
        fields.put("period_start", alert.start().toString());
        fields.put("period_end", alert.end().toString());
        fields.put("value", alert.value());
        fields.put("limit", alert.limit());
        return fields;
    }

    private static double number(Object value) {
        return ((Number) value).doubleValue();
    }
}
