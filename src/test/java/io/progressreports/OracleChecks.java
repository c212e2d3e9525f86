package io.progressreports;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the functional tests use to hold a job's CSVs against their SQL oracle: every difference is collected as
 * a problem, and a case fails listing them all rather than only the first.
 */
public final class OracleChecks {

    private static final int MAX_REPORTED = 40;

    private OracleChecks() {
    }

    public static List<CSVRecord> readCsv(Path file, List<String> header) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(text).as("%s starts with a BOM", file.getFileName()).startsWith("\uFEFF");
        assertThat(text.replace("\r\n", "")).as("%s has CRLF line ends only", file.getFileName())
                .doesNotContain("\n").doesNotContain("\r");
        try (CSVParser parser = CSVParser.parse(new StringReader(text.substring(1)),
                CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
            assertThat(parser.getHeaderNames()).as("%s header", file.getFileName()).isEqualTo(header);
            return parser.getRecords();
        }
    }

    public static Map<String, CSVRecord> index(List<CSVRecord> rows, Function<CSVRecord, String> key,
                                                String file, List<String> problems) {
        var byKey = new LinkedHashMap<String, CSVRecord>();
        for (CSVRecord row : rows) {
            if (byKey.put(key.apply(row), row) != null) {
                problems.add(file + " has two rows for " + key.apply(row));
            }
        }
        return byKey;
    }

    /** The checks of one CSV row against the SQL row with the same key. */
    @FunctionalInterface
    public interface RowCheck {
        void check(String key, CSVRecord row, Map<String, Object> sql);
    }

    /**
     * Pairs a CSV's rows with SQL's by key: as many rows, the same keys, no key twice; then {@code checks} on each
     * pair found on both sides.
     */
    public static void compareRows(String file, List<CSVRecord> csv, Function<CSVRecord, String> key,
                                   Map<String, Map<String, Object>> expected, List<String> problems,
                                   RowCheck checks) {
        Map<String, CSVRecord> actual = index(csv, key, file, problems);
        check(problems, file + " rows", (long) csv.size(), (long) expected.size());
        compareKeys(file, expected.keySet(), actual.keySet(), problems);
        expected.forEach((k, sql) -> {
            CSVRecord row = actual.get(k);
            if (row != null) {
                checks.check(k, row, sql);
            }
        });
    }

    public static void compareKeys(String file, Set<String> expected, Set<String> actual, List<String> problems) {
        expected.stream().filter(key -> !actual.contains(key))
                .forEach(key -> problems.add(file + " is missing the row " + key));
        actual.stream().filter(key -> !expected.contains(key))
                .forEach(key -> problems.add(file + " has a row SQL does not: " + key));
    }

    public static void check(List<String> problems, String what, Object actual, Object expected) {
        if (!actual.equals(expected)) {
            problems.add(what + ": job " + show(actual) + ", SQL " + show(expected));
        }
    }

    private static String show(Object value) {
        return "".equals(value) ? "(blank)" : String.valueOf(value);
    }

    /** A day, an ISO week or a month not cut by the range: what comparisons take as a complete period. */
    public static boolean wholePeriod(String grain, LocalDate start, LocalDate end) {
        return switch (grain) {
            case "day" -> end.equals(start.plusDays(1));
            case "week" -> start.getDayOfWeek() == DayOfWeek.MONDAY && end.equals(start.plusWeeks(1));
            default -> start.getDayOfMonth() == 1 && end.equals(start.plusMonths(1));
        };
    }

    public static void assertNoProblems(String caseName, List<String> problems) {
        List<String> shown = problems.size() <= MAX_REPORTED ? problems
                : Stream.concat(problems.stream().limit(MAX_REPORTED),
                Stream.of("... and " + (problems.size() - MAX_REPORTED) + " more")).toList();
        assertThat(shown).as("figures of case '%s' that differ from SQL", caseName).isEmpty();
    }
}
