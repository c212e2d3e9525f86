package io.progressreports.funnel;

import io.progressreports.source.ColumnType;
import io.progressreports.source.RequiredColumn;
import io.progressreports.source.SourceCatalog;
import io.progressreports.source.SourceTimes;
import io.progressreports.source.TableName;
import org.springframework.jdbc.core.RowMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** GitLab's onboarding_progresses: one row per namespace, one nullable {@code <action>_at} column per action. */
public record ActionColumns() implements FunnelLayout {

    /** What the reader selects besides the action columns. */
    public static final List<RequiredColumn> ROW_COLUMNS = List.of(new RequiredColumn("id", ColumnType.INTEGER),
            new RequiredColumn("namespace_id", ColumnType.INTEGER), new RequiredColumn("created_at",
                    ColumnType.TIMESTAMP));
    /** The reader reads a range of it: an index leading with it lets each partition read only its days. */
    public static final String INDEX_COLUMN = "created_at";

    @Override
    public String label() {
        return FunnelJobFile.COLUMNS;
    }

    /** The nullable {@code *_at} timestamps of the table, as the catalog rule finds them. */
    @Override
    public List<String> actions(SourceCatalog catalog, TableName table) {
        return catalog.actions(table);
    }

    @Override
    public void checkColumns(SourceCatalog catalog, TableName table, List<String> actions) {
        catalog.requireColumnTypes(table, required(actions));
    }

    /** What the reader reads, and must be able to read: the row columns, then each action's column. */
    public static List<RequiredColumn> required(List<String> actions) {
        var columns = new ArrayList<>(ROW_COLUMNS);
        actions.forEach(action -> columns.add(new RequiredColumn(action + SourceCatalog.ACTION_SUFFIX,
                ColumnType.TIMESTAMP)));
        return columns;
    }

    @Override
    public String spanQuery(TableName table, List<String> actions, SegmentColumn segment) {
        String columns = Stream.concat(ROW_COLUMNS.stream().map(RequiredColumn::name).map(TableName::quote),
                        actions.stream().map(SourceCatalog::column)).map(column -> "t." + column)
                .collect(Collectors.joining(", "));
        return "select " + columns + (segment == null ? "" : ", " + segment.select()) + " from " + table.quoted()
                + " t" + (segment == null ? "" : segment.join())
                + " where t.created_at >= ? and t.created_at < ? and t.created_at <= ? order by t.created_at, t.id";
    }

    @Override
    public TableName creationTable(TableName table) {
        return table;
    }

    @Override
    public Map<TableName, List<String>> columnsRead(TableName table, List<String> actions) {
        return Map.of(table, RequiredColumn.names(required(actions)));
    }

    @Override
    public RowMapper<OnboardingRow> rowMapper(int actions, boolean segmented, UnmappedActionCodes unmapped,
                                              SourceTimes times) {
        return new OnboardingRowMapper(actions, segmented, times);
    }

    /** None: this layout came first, and the days stored before layouts existed keep their definition ids. */
    @Override
    public Map<String, Object> definitionKeys() {
        return Map.of();
    }
}
