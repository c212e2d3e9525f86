package io.progressreports.funnel;

import io.progressreports.failure.UsageException;
import io.progressreports.source.ColumnType;
import io.progressreports.source.RequiredColumn;
import io.progressreports.source.SourceCatalog;
import io.progressreports.source.TableName;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A breakdown the catalog confirmed: the column whose text is a namespace's segment, of the source table
 * ({@code joined} null) or of a table joined on its unique key. The span query LEFT JOINs that table, so every
 * source row is read once, with a NULL segment where no row matches.
 *
 * @param key      the source table's column matched to {@code tableKey}; null for the source's own column
 * @param tableKey the joined table's unique column; null for the source's own column
 */
public record SegmentColumn(TableName joined, String column, String key, String tableKey) {

    private static final Set<String> INTEGERS = Set.of("smallint", "integer", "bigint");

    /** Checks every name against the catalog: a usage error names the first missing or unfit one. */
    static SegmentColumn resolve(SourceCatalog catalog, TableName source, Breakdown breakdown) {
        if (breakdown.table() == null) {
            catalog.requireColumnTypes(source, List.of(new RequiredColumn(breakdown.column(), ColumnType.ANY)));
            return new SegmentColumn(null, breakdown.column(), null, null);
        }
        TableName joined = catalog.table(breakdown.table());
        catalog.requireColumnTypes(source, List.of(new RequiredColumn(breakdown.key(), ColumnType.ANY)));
        catalog.requireColumnTypes(joined, joinedColumns(breakdown));
        String keyType = catalog.columnTypes(source).get(breakdown.key());
        String tableKeyType = catalog.columnTypes(joined).get(breakdown.tableKey());
        if (!keyType.equals(tableKeyType) && !(INTEGERS.contains(keyType) && INTEGERS.contains(tableKeyType))) {
            throw new UsageException("breakdown: " + source + "." + breakdown.key() + " is " + keyType + " and "
                    + joined + "." + breakdown.tableKey() + " is " + tableKeyType + ", so the one cannot be matched"
                    + " to the other");
        }
        catalog.uniqueKeyProblem(joined, breakdown.tableKey()).ifPresent(problem -> {
            throw new UsageException("breakdown: " + problem);
        });
        return new SegmentColumn(joined, breakdown.column(), breakdown.key(), breakdown.tableKey());
    }

    /** What the breakdown reads of the joined table: its key, then the segment column. */
    static List<RequiredColumn> joinedColumns(Breakdown breakdown) {
        return List.of(new RequiredColumn(breakdown.tableKey(), ColumnType.ANY),
                new RequiredColumn(breakdown.column(), ColumnType.ANY));
    }

    /** The column as the report names it: COLUMN of the source, or TABLE.COLUMN. */
    String label() {
        return joined == null ? column : joined + "." + column;
    }

    /** The select list's last column: the segment as text, NULL for none. */
    String select() {
        return "cast(" + (joined == null ? "t." : "b.") + TableName.quote(column) + " as text)";
    }

    /** After the source table (alias t): the join that brings the segment, if it is another table's. */
    String join() {
        return joined == null ? "" : " left join " + joined.quoted() + " b on b." + TableName.quote(tableKey)
                + " = t." + TableName.quote(key);
    }

    /** The columns the span query reads, added to those of the layout, for the source's identity. */
    Map<TableName, List<String>> addRead(TableName source, Map<TableName, List<String>> read) {
        var all = new LinkedHashMap<TableName, List<String>>();
        read.forEach((table, columns) -> all.put(table, new ArrayList<>(columns)));
        all.computeIfAbsent(source, table -> new ArrayList<>()).add(joined == null ? column : key);
        if (joined != null) {
            all.computeIfAbsent(joined, table -> new ArrayList<>()).addAll(List.of(tableKey, column));
        }
        return all;
    }

    /**
     * The format of {@code funnel_day.segments}: 3 keeps the hours to each step as values in bytes (2 as JSON
     * numbers, 1 as histograms). Part of the definition, so that days stored in another format are recomputed, never
     * misread.
     */
    private static final int FORMAT = 3;

    /** The definition's "breakdown": a day stored with another breakdown, or none, is never reused. */
    Map<String, Object> definition() {
        var json = new LinkedHashMap<String, Object>();
        json.put("column", column);
        json.put("format", FORMAT);
        if (joined != null) {
            json.put("table", joined.toString());
            json.put("key", key);
            json.put("table_key", tableKey);
        }
        return json;
    }

    static SegmentColumn fromDefinition(Map<String, Object> json) {
        return json.containsKey("table") ? new SegmentColumn(TableName.parse((String) json.get("table")),
                (String) json.get("column"), (String) json.get("key"), (String) json.get("table_key"))
                : new SegmentColumn(null, (String) json.get("column"), null, null);
    }
}
