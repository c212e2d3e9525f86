package io.progressreports.funnel;

import io.progressreports.source.SourceCatalog;
import io.progressreports.source.SourceTimes;
import io.progressreports.source.TableName;
import org.springframework.jdbc.core.RowMapper;

import java.util.List;
import java.util.Map;

/**
 * How the source stores onboarding actions. Every layout reads a cohort span as the same rows (one per namespace,
 * ordered by created_at and id), so that everything after the reader is one code path for all of them.
 */
public sealed interface FunnelLayout permits ActionColumns, ActionRows {

    /** The job file's name for the layout. */
    String label();

    /**
     * Checks the type of every column the span query reads, before a row is read: a usage error naming the first
     * column missing or of a type the reader cannot take.
     */
    void checkColumns(SourceCatalog catalog, TableName table, List<String> actions);

    /** Every action the source can tell (completion_by_age reports them all), in a stable order. */
    List<String> actions(SourceCatalog catalog, TableName table);

    /**
     * The select of one cohort span with parameters (span start, span end exclusive, as-of), whose columns are
     * what {@link OnboardingRowMapper} reads: id, namespace_id, created_at, one time per action in order, then the
     * segment when there is a breakdown.
     *
     * @param segment the breakdown's column, or null
     */
    String spanQuery(TableName table, List<String> actions, SegmentColumn segment);

    /** The table whose created_at places a namespace in its cohort (and which the span query ranges over). */
    TableName creationTable(TableName table);

    /** Each table the span query reads, with the columns it reads of it, for the source's identity. */
    Map<TableName, List<String>> columnsRead(TableName table, List<String> actions);

    RowMapper<OnboardingRow> rowMapper(int actions, boolean segmented, UnmappedActionCodes unmapped,
                                       SourceTimes times);

    /** What the layout adds to the definition, so that stored days are never reused across layouts. */
    Map<String, Object> definitionKeys();

    static FunnelLayout fromDefinition(Map<String, Object> json) {
        return json.containsKey(ActionRows.LAYOUT_KEY) ? ActionRows.fromDefinition(json) : new ActionColumns();
    }
}
