package io.progressreports.funnel;

import io.progressreports.job.JobFile;
import io.progressreports.source.SourceCatalog;
import io.progressreports.source.SourceTimes;
import io.progressreports.source.TableName;
import org.springframework.jdbc.core.RowMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** GitLab's onboarding_progresses: one row per namespace, one nullable {@code <action>_at} column per action. */
public record ActionColumns() implements FunnelLayout {

    /** What the reader selects besides the action columns. */
    public static final List<String> ROW_COLUMNS = List.of("id", "namespace_id", "created_at");
    /** The reader reads a range of it: an index leading with it lets each partition read only its days. */
    public static final String INDEX_COLUMN = "created_at";

    @Override
    public String label() {
        return JobFile.COLUMNS;
    }

    @Override
    public List<String> actions(SourceCatalog catalog, TableName table) {
        return catalog.actions(table);
    }

    @Override
    public String spanQuery(TableName table, List<String> actions) {
        String columns = actions.stream().map(SourceCatalog::column).collect(Collectors.joining(", "));
        return "select " + String.join(", ", ROW_COLUMNS) + ", " + columns + " from " + table.quoted()
                + " where created_at >= ? and created_at < ? and created_at <= ? order by created_at, id";
    }

    @Override
    public TableName creationTable(TableName table) {
        return table;
    }

    @Override
    public Map<TableName, List<String>> columnsRead(TableName table, List<String> actions) {
        var columns = new ArrayList<>(ROW_COLUMNS);
        actions.forEach(action -> columns.add(action + "_at"));
        return Map.of(table, columns);
    }

    @Override
    public RowMapper<OnboardingRow> rowMapper(int actions, UnmappedActionCodes unmapped, SourceTimes times) {
        return new OnboardingRowMapper(actions, times);
    }

    /** None: this layout came first, and the days stored before layouts existed keep their definition ids. */
    @Override
    public Map<String, Object> definitionKeys() {
        return Map.of();
    }
}
