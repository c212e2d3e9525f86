package io.progressreports.report;

import io.progressreports.failure.OutputException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** RFC 4180 files (comma, CRLF, header row) in UTF-8, with a BOM unless scripts asked for none. */
public final class CsvFiles {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get();

    private CsvFiles() {
    }

    public static <T> void write(Path file, boolean bom, List<Column<T>> columns, Iterable<T> rows) {
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            if (bom) {
                writer.write('\uFEFF');
            }
            print(writer, columns, rows);
        } catch (IOException e) {
            throw new OutputException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The same rows without a BOM, to a stream the caller keeps open (stdout, for scripts). */
    public static <T> void print(Appendable out, List<Column<T>> columns, Iterable<T> rows) throws IOException {
        CSVPrinter printer = new CSVPrinter(out, FORMAT);
        printer.printRecord(Column.names(columns));
        for (T row : rows) {
            printer.printRecord(Column.cells(columns, row));
        }
        printer.flush();
    }
}
