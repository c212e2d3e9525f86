package io.progressreports.bench;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Holds a job's CSV against the baseline's, so that no speed is bought with wrong numbers. Rows are paired by key
 * (a row on one side only is a disagreement); each column has one rule:
 * <ul>
 *   <li>{@link Rule#TEXT}: the same text (dates, step names, maturity; PostgreSQL's t/f read as true/false);</li>
 *   <li>{@link Rule#EXACT}: the same number, as decimals (counts, and sums of microsecond durations, which are
 *       exact to six decimals on both sides);</li>
 *   <li>{@link Rule#ROUNDED}: a figure derived from exact ones (a ratio of sums, a maximum, a conversion), which the
 *       job prints rounded: within half a unit of the job cell's last decimal;</li>
 *   <li>{@link Rule#PERCENTILE}: within 1% of percentile_disc (design.md allows a histogram), plus half a unit of
 *       the cell's last decimal for the job's own rounding.</li>
 * </ul>
 * Both empty is agreement; one empty is not.
 */
final class CsvAgreement {

    enum Rule { TEXT, EXACT, ROUNDED, PERCENTILE }

    static final String DESCRIPTION = "rows paired by key, none missing or extra; counts and sums exactly (as "
            + "decimals: seconds sums are exact to the microsecond on both sides); ratios, maxima and conversions "
            + "within half a unit of the job's last printed decimal; percentiles within 1% relative of "
            + "percentile_disc plus half a unit of the last printed decimal";

    private static final int MAX_LISTED = 50;

    /** One file's columns: the key columns, then a rule per compared column. */
    record Spec(String file, List<String> key, Map<String, Rule> columns) {
    }

    static final Spec TRANSFER_SPEED = new Spec("transfer_speed.csv", List.of("period_start"), ordered(
            "period_end", Rule.TEXT, "transfers", Rule.EXACT, "items", Rule.EXACT, "seconds", Rule.EXACT,
            "items_per_second", Rule.ROUNDED, "p50_items_per_second", Rule.PERCENTILE,
            "p90_items_per_second", Rule.PERCENTILE, "p99_items_per_second", Rule.PERCENTILE,
            "max_items_per_second", Rule.ROUNDED, "rejected", Rule.EXACT, "untimed", Rule.EXACT));
    static final Spec STEP_DURATION = new Spec("step_duration.csv", List.of("period_start", "step"), ordered(
            "period_end", Rule.TEXT, "steps", Rule.EXACT, "total_seconds", Rule.EXACT, "p50_seconds", Rule.PERCENTILE,
            "p90_seconds", Rule.PERCENTILE, "p99_seconds", Rule.PERCENTILE, "max_seconds", Rule.ROUNDED));
    static final Spec FUNNEL = new Spec("funnel.csv", List.of("cohort_start", "step_number"), ordered(
            "cohort_end", Rule.TEXT, "step", Rule.TEXT, "namespaces", Rule.EXACT,
            "conversion_from_start", Rule.ROUNDED, "conversion_from_previous", Rule.ROUNDED,
            "median_hours_to_step", Rule.PERCENTILE, "p90_hours_to_step", Rule.PERCENTILE, "mature", Rule.TEXT));

    /** What one comparison found: how many rows and cells were compared, and every difference. */
    record Outcome(String file, int jobRows, int baselineRows, long cellsCompared, List<String> disagreements,
                   double worstPercentileError) {
    }

    private CsvAgreement() {
    }

    static Outcome compare(Spec spec, Path jobCsv, Path baselineCsv) {
        List<CSVRecord> job = read(jobCsv);
        List<CSVRecord> baseline = read(baselineCsv);
        var problems = new ArrayList<String>();
        Map<String, CSVRecord> jobRows = byKey(spec, job, "job", problems);
        Map<String, CSVRecord> sqlRows = byKey(spec, baseline, "SQL", problems);
        sqlRows.keySet().stream().filter(k -> !jobRows.containsKey(k))
                .forEach(k -> problems.add(spec.file() + " " + k + ": row in SQL's result, not in the job's"));
        jobRows.keySet().stream().filter(k -> !sqlRows.containsKey(k))
                .forEach(k -> problems.add(spec.file() + " " + k + ": row in the job's CSV, not in SQL's result"));
        long cells = 0;
        double worst = 0;
        for (var entry : sqlRows.entrySet()) {
            CSVRecord mine = jobRows.get(entry.getKey());
            if (mine == null) {
                continue;
            }
            for (var column : spec.columns().entrySet()) {
                String a = cell(mine, column.getKey());
                String b = cell(entry.getValue(), column.getKey());
                cells++;
                String where = spec.file() + " " + entry.getKey() + " " + column.getKey();
                if (a.isEmpty() || b.isEmpty() || column.getValue() == Rule.TEXT) {
                    if (!a.equals(b)) {
                        problems.add(where + ": job '" + a + "', SQL '" + b + "'");
                    }
                    continue;
                }
                BigDecimal x = new BigDecimal(a);
                BigDecimal y = new BigDecimal(b);
                double halfUnit = 0.5 * Math.pow(10, -Math.max(0, x.scale()));
                double diff = Math.abs(x.doubleValue() - y.doubleValue());
                boolean ok = switch (column.getValue()) {
                    case EXACT -> x.compareTo(y) == 0;
                    case ROUNDED -> diff <= halfUnit * (1 + 1e-9) + 1e-12 * Math.abs(y.doubleValue());
                    case PERCENTILE -> diff <= 0.01 * Math.abs(y.doubleValue()) + halfUnit * (1 + 1e-9);
                    case TEXT -> true;
                };
                if (column.getValue() == Rule.PERCENTILE && y.signum() != 0) {
                    worst = Math.max(worst, diff / Math.abs(y.doubleValue()));
                }
                if (!ok) {
                    problems.add(where + ": job " + a + ", SQL " + b + " (" + column.getValue().name().toLowerCase()
                            + ")");
                }
            }
        }
        return new Outcome(spec.file(), job.size(), baseline.size(), cells, problems, worst);
    }

    static List<String> listed(List<String> disagreements) {
        if (disagreements.size() <= MAX_LISTED) {
            return disagreements;
        }
        var shown = new ArrayList<>(disagreements.subList(0, MAX_LISTED));
        shown.add("... and " + (disagreements.size() - MAX_LISTED) + " more");
        return shown;
    }

    private static Map<String, CSVRecord> byKey(Spec spec, List<CSVRecord> rows, String side, List<String> problems) {
        var map = new LinkedHashMap<String, CSVRecord>();
        for (CSVRecord row : rows) {
            String key = String.join(" ", spec.key().stream().map(k -> cell(row, k)).toList());
            if (map.put(key, row) != null) {
                problems.add(spec.file() + " " + key + ": two rows in the " + side + " file");
            }
        }
        return map;
    }

    /** design.md neutralises text cells starting with = + - @, tab or CR; SQL's output is not, so undo that. */
    private static String cell(CSVRecord row, String column) {
        String value = row.isMapped(column) ? row.get(column) : "";
        if (value.equals("t")) {
            return "true";
        }
        if (value.equals("f")) {
            return "false";
        }
        if (value.length() > 1 && value.charAt(0) == '\'' && "=+-@\t\r".indexOf(value.charAt(1)) >= 0) {
            return value.substring(1);
        }
        return value;
    }

    private static List<CSVRecord> read(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            try (CSVParser parser = CSVParser.parse(new StringReader(text),
                    CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
                return parser.getRecords();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static <V> Map<String, V> ordered(Object... keysAndValues) {
        var map = new LinkedHashMap<String, V>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            @SuppressWarnings("unchecked")
            V value = (V) keysAndValues[i + 1];
            map.put((String) keysAndValues[i], value);
        }
        return map;
    }
}
