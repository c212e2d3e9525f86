package io.progressreports.source;

import java.util.List;

/**
 * What a job reads from one source table, as its kind tells {@code check}: the table as the job file names it, the
 * columns read with the types the reader can take, the steps (each an {@code <action>_at} column among them), and
 * the column an index should lead with.
 */
public record TableNeeds(String table, ColumnsRead columns, List<String> steps, String indexColumn) {

    /** A table of which the job reads these columns. */
    public static TableNeeds of(String table, List<RequiredColumn> columns, String indexColumn) {
        return new TableNeeds(table, (catalog, name) -> columns, List.of(), indexColumn);
    }

    /** The columns a job reads from a table: fixed, or some found in the catalog (a funnel's action columns). */
    @FunctionalInterface
    public interface ColumnsRead {

        List<RequiredColumn> in(SourceCatalog catalog, TableName table);
    }
}
