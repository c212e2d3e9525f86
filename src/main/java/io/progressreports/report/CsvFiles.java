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

    /** @param rows cells already formatted by {@link Cells} */
    public static void write(Path file, boolean bom, List<String> header, Iterable<List<String>> rows) {
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            if (bom) {
                writer.write('\uFEFF');
            }
            print(writer, header, rows);
        } catch (IOException e) {
            throw new OutputException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The same rows without a BOM, to a stream the caller keeps open (stdout, for scripts). */
    public static void print(Appendable out, List<String> header, Iterable<List<String>> rows) throws IOException {
        CSVPrinter printer = new CSVPrinter(out, FORMAT);
        printer.printRecord(header);
        for (List<String> row : rows) {
            printer.printRecord(row);
        }
        printer.flush();
    }
}
