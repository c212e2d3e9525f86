package io.progressreports.page;

import io.progressreports.failure.OutputException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The first rows of one of a report's CSVs, as its page shows them (the page links to the whole file).
 *
 * @param total the file's data rows, all of them
 */
public record CsvPreview(String file, List<String> header, List<List<String>> rows, long total) {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setHeader().get();

    /** Reads {@code dir/file}, keeping its first {@code limit} data rows. */
    public static CsvPreview read(Path dir, String file, int limit) {
        try (Reader reader = Files.newBufferedReader(dir.resolve(file), StandardCharsets.UTF_8)) {
            skipByteOrderMark(reader);
            try (CSVParser parser = CSVParser.builder().setReader(reader).setFormat(FORMAT).get()) {
                var rows = new ArrayList<List<String>>();
                long total = 0;
                for (CSVRecord record : parser) {
                    if (total++ < limit) {
                        rows.add(record.toList());
                    }
                }
                return new CsvPreview(file, parser.getHeaderNames(), rows, total);
            }
        } catch (IOException e) {
            throw new OutputException("cannot read " + dir.resolve(file) + " for the report's page: "
                    + e.getMessage(), e);
        }
    }

    private static void skipByteOrderMark(Reader reader) throws IOException {
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
    }

    public boolean isEmpty() {
        return total == 0;
    }

    /** Whether the page shows only part of the file. */
    public boolean isCut() {
        return total > rows.size();
    }

    /** The column's index, or -1; for pages that pick cells by name. */
    public int column(String name) {
        return header.indexOf(name);
    }
}
