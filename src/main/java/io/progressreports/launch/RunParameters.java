package io.progressreports.launch;

import io.progressreports.alert.Alerting;
import io.progressreports.day.Definitions;
import io.progressreports.report.DateRange;
import io.progressreports.report.Grain;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * The job parameters every report run has. Identifying: what decides the numbers (job, range, as-of, definition,
 * grain, recompute) and the attempt, so the same command resumes a failed run but starts afresh after a success.
 * The rest rides along so that a restart in another process sees what the first attempt saw.
 */
public final class RunParameters {

    private static final String MAX_REJECT_RATE = "maxRejectRate";
    private static final String OVERRIDES = "overrides";
    private static final String FOLDER = "folder";
    private static final String ALERTS = "alerts";

    private RunParameters() {
    }

    public static JobParametersBuilder builder(String job, DateRange range, Instant asOf, String definitionId,
                                               String definitionJson, Grain grain, boolean recompute,
                                               RunOptions options, long attempt) {
        var builder = new JobParametersBuilder()
                .addString("job", job)
                .addString("from", range.from().toString())
                .addString("to", range.to().toString())
                .addString("asOf", asOf.toString())
                .addString("definitionId", definitionId)
                .addString("grain", grain.label())
                .addString("recompute", Boolean.toString(recompute))
                .addLong("attempt", attempt)
                .addString("definition", definitionJson, false)
                .addString("out", options.out().toString(), false)
                .addString("bom", Boolean.toString(options.bom()), false)
                .addLong("partitionDays", (long) options.partitionDays(), false)
                // What the run's settings change from its job file's, and where its report goes because of that:
                // decided by the identifying parameters, kept for restarts and history.
                .addString(OVERRIDES, options.overrides(), false)
                .addString("latest", Boolean.toString(options.latest()), false)
                .addString(FOLDER, options.folder(range, Definitions.id(definitionId + " " + asOf + " "
                        + grain.label())), false);
        // Not identifying: the same numbers judged against another threshold, or other rules, are the same run.
        if (options.alerting().hasRules()) {
            builder.addString(ALERTS, options.alerting().rulesText(), false);
        }
        return options.maxRejectRate() == null ? builder
                : builder.addString(MAX_REJECT_RATE, options.maxRejectRate().toPlainString(), false);
    }

    public static String job(Map<String, Object> parameters) {
        return (String) parameters.get("job");
    }

    public static String definitionJson(Map<String, Object> parameters) {
        return (String) parameters.get("definition");
    }

    public static DateRange range(Map<String, Object> parameters) {
        return new DateRange(LocalDate.parse((String) parameters.get("from")),
                LocalDate.parse((String) parameters.get("to")));
    }

    public static Instant asOf(Map<String, Object> parameters) {
        return Instant.parse((String) parameters.get("asOf"));
    }

    public static Grain grain(Map<String, Object> parameters) {
        return Grain.parse((String) parameters.get("grain"));
    }

    public static boolean flag(Map<String, Object> parameters, String name) {
        return Boolean.parseBoolean((String) parameters.get(name));
    }

    public static RunOptions options(Map<String, Object> parameters) {
        String maxRejectRate = (String) parameters.get(MAX_REJECT_RATE);
        return new RunOptions(Path.of((String) parameters.get("out")), flag(parameters, "bom"),
                ((Long) parameters.get("partitionDays")).intValue(),
                maxRejectRate == null ? null : new BigDecimal(maxRejectRate), (String) parameters.get(OVERRIDES),
                flag(parameters, "latest"), Alerting.ofRules(Alerting.parseRules((String) parameters.get(ALERTS))));
    }

    /** The report folder's name under {@code <out>/<job>/}; null for a run from before folders had identities. */
    public static String folder(JobParameters parameters) {
        return parameters.getString(FOLDER);
    }

    /** The flags by which the run differs from its job file ("" for none); null for a run from before. */
    public static String overrides(JobParameters parameters) {
        return parameters.getString(OVERRIDES);
    }
}
