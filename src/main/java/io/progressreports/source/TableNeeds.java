package io.progressreports.source;

import java.util.List;

/**
 * What a job reads from one source table, as its kind tells {@code check}: the table as the job file names it, the
 * columns read with the types the reader can take, the steps (each an {@code <action>_at} column among them), and
 * the column an index should lead with.
 *
 * @param uniqueColumn a column the job joins the table on, which must be its unique key (see
 *                     {@link SourceCatalog#uniqueKeyProblem}), or null
 */
public record TableNeeds(String table, ColumnsRead columns, List<String> steps, String indexColumn,
                         String uniqueColumn) {

    /** A table of which the job reads these columns. */
    public static TableNeeds of(String table, List<RequiredColumn> columns, String indexColumn) {
        return new TableNeeds(table, (catalog, name) -> columns, List.of(), indexColumn, null);
    }

    /** A table the job joins on its unique key {@code key}, reading these columns. */
    public static TableNeeds joined(String table, List<RequiredColumn> columns, String key) {
        return new TableNeeds(table, (catalog, name) -> columns, List.of(), key, key);
    }

    /** The columns a job reads from a table: fixed, or some found in the catalog (a funnel's action columns). */
    @FunctionalInterface
    public interface ColumnsRead {

        List<RequiredColumn> in(SourceCatalog catalog, TableName table);
    }
}
