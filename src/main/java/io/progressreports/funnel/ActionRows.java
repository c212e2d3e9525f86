package io.progressreports.funnel;

import io.progressreports.source.ColumnType;
import io.progressreports.source.RequiredColumn;
import io.progressreports.source.SourceCatalog;
import io.progressreports.source.SourceTimes;
import io.progressreports.source.TableName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.RowMapper;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * GitLab's earlier layout: one row per namespace and action code in the actions table (namespace_id, action,
 * created_at = when the action was done), the namespace's creation in the namespaces table (id, created_at).
 * Read pivoted to one row per namespace created in the span: each named action's earliest time (so a duplicated
 * row counts once), no times at all for a namespace without action rows (a cohort member that did nothing yet),
 * and the codes the map does not name handed to {@link UnmappedActionCodes}. Codes reach SQL only as integer
 * literals rendered from the map's keys.
 */
public record ActionRows(TableName namespaces, Map<Integer, String> codes) implements FunnelLayout {

    /** What the reader reads of each table. */
    public static final List<RequiredColumn> NAMESPACES_COLUMNS = List.of(
            new RequiredColumn("id", ColumnType.INTEGER), new RequiredColumn("created_at", ColumnType.TIMESTAMP));
    public static final List<RequiredColumn> ACTIONS_COLUMNS = List.of(
            new RequiredColumn("namespace_id", ColumnType.INTEGER), new RequiredColumn("action", ColumnType.INTEGER),
            new RequiredColumn("created_at", ColumnType.TIMESTAMP));
    /** A partition reads a range of namespaces' creation, then each one's action rows. */
    public static final String NAMESPACES_INDEX_COLUMN = "created_at";
    public static final String ACTIONS_INDEX_COLUMN = "namespace_id";

    static final String LAYOUT_KEY = "layout";
    private static final String NAMESPACES_KEY = "namespaces_table";
    private static final String CODES_KEY = "action_codes";
    private static final Logger LOG = LoggerFactory.getLogger(ActionRows.class);

    public ActionRows {
        codes = Collections.unmodifiableMap(new LinkedHashMap<>(codes));
    }

    /** Checks both tables' columns in the catalog, and advises the indexes a span read wants. */
    static ActionRows resolve(SourceCatalog catalog, TableName actions, String namespacesTable,
                              Map<Integer, String> codes) {
        TableName namespaces = catalog.table(namespacesTable);
        adviseIndex(catalog, namespaces, NAMESPACES_INDEX_COLUMN);
        adviseIndex(catalog, actions, ACTIONS_INDEX_COLUMN);
        return new ActionRows(namespaces, codes);
    }

    /** Not an error: the numbers are right without the index, only every partition reads the whole table. */
    private static void adviseIndex(SourceCatalog catalog, TableName table, String column) {
        catalog.missingIndex(table, column).ifPresent(advice -> LOG.warn(
                "no index on {} ({}): each partition scans the whole table; consider {}", table, column, advice));
    }

    @Override
    public void checkColumns(SourceCatalog catalog, TableName table, List<String> actions) {
        catalog.requireColumnTypes(namespaces, NAMESPACES_COLUMNS);
        catalog.requireColumnTypes(table, ACTIONS_COLUMNS);
    }

    @Override
    public String label() {
        return FunnelJobFile.ACTION_ROWS;
    }

    /** The map's names in the order it lists them, as the columns layout follows the table's column order. */
    @Override
    public List<String> actions(SourceCatalog catalog, TableName table) {
        return List.copyOf(codes.values());
    }

    @Override
    public String spanQuery(TableName table, List<String> actions, SegmentColumn segment) {
        if (segment != null) {
            // The job file and the flag refuse it first: a breakdown needs the columns layout.
            throw new IllegalArgumentException("no breakdown with layout " + FunnelJobFile.ACTION_ROWS);
        }
        var codeOf = new HashMap<String, Integer>();
        codes.forEach((code, name) -> codeOf.put(name, code));
        String times = actions.stream()
                .map(action -> "min(a.created_at) filter (where a.action = " + codeOf.get(action) + ")")
                .collect(Collectors.joining(", "));
        String named = codes.keySet().stream().map(String::valueOf).collect(Collectors.joining(", "));
        return "select n.id, n.id, n.created_at, " + times
                + ", array_agg(a.action) filter (where a.action not in (" + named + "))"
                + " from " + namespaces.quoted() + " n left join " + table.quoted() + " a on a.namespace_id = n.id"
                + " where n.created_at >= ? and n.created_at < ? and n.created_at <= ?"
                + " group by n.created_at, n.id order by n.created_at, n.id";
    }

    @Override
    public TableName creationTable(TableName table) {
        return namespaces;
    }

    @Override
    public Map<TableName, List<String>> columnsRead(TableName table, List<String> actions) {
        var columns = new LinkedHashMap<TableName, List<String>>();
        columns.put(namespaces, RequiredColumn.names(NAMESPACES_COLUMNS));
        columns.put(table, RequiredColumn.names(ACTIONS_COLUMNS));
        return columns;
    }

    @Override
    public RowMapper<OnboardingRow> rowMapper(int actions, boolean segmented, UnmappedActionCodes unmapped,
                                              SourceTimes times) {
        var rows = new OnboardingRowMapper(actions, false, times);
        int unmappedColumn = OnboardingRowMapper.FIRST_ACTION + actions;
        return (rs, rowNum) -> {
            unmapped.add(rs.getArray(unmappedColumn));
            return rows.mapRow(rs, rowNum);
        };
    }

    @Override
    public Map<String, Object> definitionKeys() {
        var keys = new LinkedHashMap<String, Object>();
        keys.put(LAYOUT_KEY, label());
        keys.put(NAMESPACES_KEY, namespaces.toString());
        keys.put(CODES_KEY, codes);
        return keys;
    }

    @SuppressWarnings("unchecked")
    static ActionRows fromDefinition(Map<String, Object> json) {
        var codes = new LinkedHashMap<Integer, String>();
        ((Map<String, String>) json.get(CODES_KEY)).forEach((code, name) -> codes.put(Integer.valueOf(code), name));
        return new ActionRows(TableName.parse((String) json.get(NAMESPACES_KEY)), codes);
    }
}
