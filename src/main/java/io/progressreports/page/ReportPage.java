package io.progressreports.page;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A report's index.html: everything the report holds on one page, read from the files the report just wrote and
 * its manifest, so the page shows exactly what the files say.
 *
 * @param charts the charts' files, as the page embeds them
 * @param tables the report's main CSVs, their first rows
 */
public record ReportPage(String job, KindPage kind, List<Fact> definition, List<Fact> source, List<Fact> rows,
                         List<String> charts, List<CsvPreview> tables, Optional<CsvPreview> alerts,
                         Optional<CsvPreview> comparisons, List<CsvPreview> quality) {

    public static final String FILE = "index.html";
    static final String ALERTS = "alerts.csv";
    static final String COMPARISONS = "comparison.csv";
    /** Rows of each table on the page: enough to see its shape, not a copy of the file. */
    private static final int PREVIEW_ROWS = 20;

    /**
     * Writes {@code dir/index.html} for the report whose files ({@code files}) and manifest fields are given.
     *
     * @return the page's file name
     */
    public static String write(Path dir, Map<String, Object> manifest, List<String> files, KindPage kind) {
        PageTemplates.render("report.jte", of(dir, manifest, files, kind), dir.resolve(FILE));
        return FILE;
    }

    static ReportPage of(Path dir, Map<String, Object> manifest, List<String> files, KindPage kind) {
        List<String> csvs = files.stream().filter(file -> file.endsWith(".csv")).toList();
        List<CsvPreview> tables = new ArrayList<>();
        List<CsvPreview> quality = new ArrayList<>();
        for (String csv : csvs) {
            if (!csv.equals(ALERTS) && !csv.equals(COMPARISONS)) {
                (kind.qualityFiles().contains(csv) ? quality : tables).add(CsvPreview.read(dir, csv, PREVIEW_ROWS));
            }
        }
        return new ReportPage(String.valueOf(manifest.get("job")), kind, facts(map(manifest, "parameters")),
                facts(source(map(manifest, "source"))), facts(map(manifest, "rows")), charts(files), tables,
                preview(dir, csvs, ALERTS), preview(dir, csvs, COMPARISONS), quality);
    }

    /** Whether any alert rule was broken. */
    public boolean alerted() {
        return alerts.filter(table -> !table.isEmpty()).isPresent();
    }

    private static Optional<CsvPreview> preview(Path dir, List<String> csvs, String file) {
        return csvs.contains(file) ? Optional.of(CsvPreview.read(dir, file, Integer.MAX_VALUE)) : Optional.empty();
    }

    /** PNGs, or their SVG twin where the report has one (it stays sharp when zoomed). */
    private static List<String> charts(List<String> files) {
        return files.stream().filter(file -> file.endsWith(".png"))
                .map(png -> {
                    String svg = png.substring(0, png.length() - ".png".length()) + ".svg";
                    return files.contains(svg) ? svg : png;
                }).toList();
    }

    /** The source's identity without its URL (which may hold a user name) or internal identifiers. */
    private static Map<String, Object> source(Map<String, Object> source) {
        var shown = new LinkedHashMap<>(source);
        shown.remove("url");
        shown.remove("system_identifier");
        return shown;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> manifest, String key) {
        Object value = manifest.get(key);
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static List<Fact> facts(Map<String, Object> fields) {
        return fields.entrySet().stream()
                .map(field -> new Fact(field.getKey().replace('_', ' '), text(field.getValue()))).toList();
    }

    /** A manifest value as a reader says it: lists joined, ISO durations in days or hours. */
    static String text(Object value) {
        if (value instanceof Collection<?> values) {
            return values.isEmpty() ? "none" : values.stream().map(ReportPage::text).collect(Collectors.joining(", "));
        }
        if (value instanceof String text && text.startsWith("PT")) {
            try {
                Duration duration = Duration.parse(text);
                return duration.toHoursPart() == 0 && duration.toMinutesPart() == 0 && duration.toDays() > 0
                        ? duration.toDays() + "d" : duration.toHours() + "h";
            } catch (DateTimeParseException e) {
                return text;
            }
        }
        return String.valueOf(value);
    }
}
