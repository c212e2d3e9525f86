package io.progressreports.source;

import java.util.List;

/**
 * What a job reads from one source table, as its kind tells {@code check}: the table as the job file names it, the
 * columns read with the types the reader can take, the steps (each an {@code <action>_at} column among them), and
 * the columns an index should lead with, each an index of its own.
 *
 * @param uniqueColumn a column the job joins the table on, which must be its unique key (see
 *                     {@link SourceCatalog#uniqueKeyProblem}), or null
 */
public record TableNeeds(String table, ColumnsRead columns, List<String> steps, List<String> indexColumns,
                         String uniqueColumn) {

    /** A table of which the job reads these columns, looking rows up by each of {@code indexColumns}. */
    public static TableNeeds of(String table, List<RequiredColumn> columns, String... indexColumns) {
        return new TableNeeds(table, (catalog, name) -> columns, List.of(), List.of(indexColumns), null);
    }

    /** A table the job joins on its unique key {@code key}, reading these columns. */
    public static TableNeeds joined(String table, List<RequiredColumn> columns, String key) {
        return new TableNeeds(table, (catalog, name) -> columns, List.of(), List.of(key), key);
    }

    /** The columns a job reads from a table: fixed, or some found in the catalog (a funnel's action columns). */
    @FunctionalInterface
    public interface ColumnsRead {

        List<RequiredColumn> in(SourceCatalog catalog, TableName table);
    }
}
