package io.progressreports.history;

import io.progressreports.report.Column;
import io.progressreports.report.CsvFiles;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** History for people (columns aligned, numbers to the right) or for scripts (CSV). */
public final class HistoryPrinter {

    private static final String GAP = "  ";

    private HistoryPrinter() {
    }

    public static String table(List<RunRow> rows) {
        List<String> names = Column.names(RunRow.COLUMNS);
        List<List<String>> lines = new ArrayList<>();
        lines.add(names);
        rows.forEach(row -> lines.add(Column.cells(RunRow.COLUMNS, row)));
        int[] widths = IntStream.range(0, names.size())
                .map(column -> lines.stream().mapToInt(line -> line.get(column).length()).max().orElse(0))
                .toArray();
        return lines.stream()
                .map(line -> IntStream.range(0, line.size())
                        .mapToObj(column -> pad(line.get(column), widths[column],
                                RunRow.NUMERIC.contains(names.get(column))))
                        .collect(Collectors.joining(GAP)).stripTrailing())
                .collect(Collectors.joining(System.lineSeparator(), "", System.lineSeparator()));
    }

    public static void csv(Appendable out, List<RunRow> rows) throws IOException {
        CsvFiles.print(out, RunRow.COLUMNS, rows);
    }

    private static String pad(String cell, int width, boolean right) {
        String fill = " ".repeat(width - cell.length());
        return right ? fill + cell : cell + fill;
    }
}
