package io.progressreports.bench;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one benchmark run measured: raw figures in sections, the targets as pass/fail, and the
 * disagreements between the jobs and SQL. Printed as a table and written as JSON; figures are reported as measured,
 * whatever they are.
 */
final class BenchResults {

    /** One of the targets: {@code value <= limit}. A value of NaN means it was not measured. */
    record Target(String figure, double value, double limit, String unit) {

        Boolean pass() {
            return Double.isNaN(value) ? null : value <= limit;
        }

        Map<String, Object> describe() {
            var map = new LinkedHashMap<String, Object>();
            map.put("figure", figure);
            map.put("value", Double.isNaN(value) ? null : round(value, 4));
            map.put("target", "<= " + round(limit, 4) + (unit.isEmpty() ? "" : " " + unit));
            map.put("pass", pass());
            return map;
        }
    }

    private final Map<String, Object> sections = new LinkedHashMap<>();
    private final List<Target> targets = new ArrayList<>();
    private final List<String> disagreements = new ArrayList<>();
    /** Raw figures in the order measured, for the printed table: name, value, unit. */
    private final List<String[]> figures = new ArrayList<>();

    void put(String section, Object value) {
        sections.put(section, value);
    }

    /** A named entry inside a section that is a map (created on first use). */
    @SuppressWarnings("unchecked")
    void put(String section, String key, Object value) {
        ((Map<String, Object>) sections.computeIfAbsent(section, s -> new LinkedHashMap<String, Object>()))
                .put(key, value);
    }

    void figure(String name, double value, String unit) {
        figures.add(new String[] {name, unit.equals("rows") ? String.format("%,d", Math.round(value))
                : format(value), unit});
    }

    void target(String figure, double value, double limit, String unit) {
        targets.add(new Target(figure, value, limit, unit));
    }

    void disagree(List<String> found) {
        disagreements.addAll(found);
    }

    boolean agrees() {
        return disagreements.isEmpty();
    }

    Path write(Path file) {
        var json = new LinkedHashMap<String, Object>(sections);
        json.put("targets", targets.stream().map(Target::describe).toList());
        json.put("agreement", Map.of("all_agree", disagreements.isEmpty(),
                "disagreements", CsvAgreement.listed(disagreements), "count", disagreements.size()));
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build()
                    .writeValueAsString(json) + "\n");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    void print(PrintStream out) {
        out.println();
        out.println("Figures");
        table(out, List.of("figure", "value", "unit"), figures);
        out.println();
        out.println("Targets");
        table(out, List.of("figure", "value", "target", "result"), targets.stream()
                .map(t -> new String[] {t.figure(), Double.isNaN(t.value()) ? "-" : format(t.value()),
                        "<= " + format(t.limit()) + (t.unit().isEmpty() ? "" : " " + t.unit()),
                        t.pass() == null ? "not measured" : t.pass() ? "pass" : "FAIL"})
                .toList());
        out.println();
        if (disagreements.isEmpty()) {
            out.println("Agreement: the jobs' CSVs and the SQL baseline agree (" + CsvAgreement.DESCRIPTION + ")");
        } else {
            out.println("Agreement: " + disagreements.size() + " DISAGREEMENTS between the jobs and SQL:");
            CsvAgreement.listed(disagreements).forEach(d -> out.println("  " + d));
        }
    }

    private static void table(PrintStream out, List<String> header, List<String[]> rows) {
        int[] widths = new int[header.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = header.get(i).length();
            for (String[] row : rows) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        var line = new StringBuilder("|");
        var rule = new StringBuilder("|");
        for (int i = 0; i < widths.length; i++) {
            line.append(' ').append(pad(header.get(i), widths[i], false)).append(" |");
            rule.append(i == 0 ? " :" + "-".repeat(widths[i] - 1) + " |" : " " + "-".repeat(widths[i] - 1) + ": |");
        }
        out.println(line);
        out.println(rule);
        for (String[] row : rows) {
            var cells = new StringBuilder("|");
            for (int i = 0; i < widths.length; i++) {
                cells.append(' ').append(pad(row[i], widths[i], i > 0)).append(" |");
            }
            out.println(cells);
        }
    }

    private static String pad(String text, int width, boolean right) {
        String spaces = " ".repeat(Math.max(0, width - text.length()));
        return right ? spaces + text : text + spaces;
    }

    static String format(double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        double abs = Math.abs(value);
        int scale = abs >= 1000 ? 0 : abs >= 10 ? 2 : abs >= 0.01 ? 3 : 5;
        return BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_UP).toPlainString();
    }

    static double round(double value, int scale) {
        return Double.isNaN(value) || Double.isInfinite(value) ? value
                : BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_UP).doubleValue();
    }
}
