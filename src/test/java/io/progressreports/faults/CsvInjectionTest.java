package io.progressreports.faults;

import io.progressreports.TestDatabase;
import io.progressreports.cli.ProgressReportsCommand;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Action and step names are data an outsider can influence (a step name is a text column; an action is a column
 * someone added). Names that a spreadsheet would run as a formula come out neutralised in every CSV, and every CSV
 * still parses with a strict RFC 4180 reader.
 */
class CsvInjectionTest {

    private static final List<String> FORMULAS = List.of("=HYPERLINK(\"http://x.example\",\"y\")", "+1+1", "-2+3",
            "@SUM(A1)", "\tTAB", "\rCR");
    private static String sourceUrl;

    @TempDir
    static Path out;

    @BeforeAll
    static void plantFormulas() {
        sourceUrl = TestDatabase.newSourceUrl(2_000, 40, 40);
        var source = TestDatabase.jdbc(sourceUrl);
        for (int i = 0; i < FORMULAS.size(); i++) {
            String column = FORMULAS.get(i) + "_at";
            source.execute("alter table onboarding_progresses add column \"" + column.replace("\"", "\"\"")
                    + "\" timestamptz");
            source.execute("update onboarding_progresses set \"" + column.replace("\"", "\"\"")
                    + "\" = created_at + interval '1 hour' where id % 5 = " + (i % 5));
            source.update("update deployment_steps set step = ? where step = 'preparing' and id % 6 = ?",
                    FORMULAS.get(i), i);
        }
        for (String job : new String[] {"onboarding-funnel", "transfer-speed"}) {
            int exit = ProgressReportsCommand.execute("run", job, "--source-url", sourceUrl, "--store-url",
                    TestDatabase.newStoreUrl(), "--out", out.toString(), "--last", "30", "--as-of",
                    "2026-11-01T00:00:00Z", "--grain", "day", "--latest");
            assertThat(exit).as(job).isZero();
        }
    }

    @Test
    void formulaNamesAreNeutralisedWhereverTheyAppear() throws IOException {
        assertThat(column("onboarding-funnel/latest/completion_by_age.csv", "action"))
                .containsAll(FORMULAS.stream().map(f -> "'" + f).toList());
        assertThat(column("transfer-speed/latest/step_duration.csv", "step"))
                .containsAll(FORMULAS.stream().map(f -> "'" + f).toList());
    }

    @Test
    void noCellOfAnyCsvStartsLikeAFormula() throws IOException {
        List<String> offending = new ArrayList<>();
        try (Stream<Path> files = Files.walk(out)) {
            for (Path csv : files.filter(f -> f.toString().endsWith(".csv") && f.toString().contains("latest"))
                    .toList()) {
                for (CSVRecord row : parse(csv)) {
                    for (String cell : row) {
                        if (!cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0) {
                            offending.add(csv.getFileName() + ": " + cell);
                        }
                    }
                }
            }
        }
        assertThat(offending).isEmpty();
    }

    private static Set<String> column(String file, String name) throws IOException {
        return Set.copyOf(parse(out.resolve(file)).stream().map(row -> row.get(name)).toList());
    }

    /** RFC 4180 and nothing looser: every record as wide as the header, CRLF only, quotes balanced. */
    private static List<CSVRecord> parse(Path csv) throws IOException {
        String text = Files.readString(csv, StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFF");
        try (CSVParser parser = CSVParser.parse(new StringReader(text.substring(1)), CSVFormat.RFC4180.builder()
                .setHeader().setSkipHeaderRecord(true).setAllowMissingColumnNames(false).get())) {
            List<CSVRecord> rows = parser.getRecords();
            assertThat(rows).as(csv.toString()).allSatisfy(row -> assertThat(row.isConsistent()).isTrue());
            return rows;
        }
    }
}
