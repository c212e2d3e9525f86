package io.progressreports.funnel;

import io.progressreports.source.SourceCatalog;
import io.progressreports.source.TableName;

import java.util.Map;

/**
 * A job file's source layout keys (JobFiles checked their form), with GitLab's table names where it leaves them
 * out; the launcher checks the tables.
 */
public record LayoutRequest(String layout, String namespacesTable, Map<Integer, String> actionCodes) {

    private static final String PROGRESS_TABLE = "onboarding_progresses";
    private static final String ACTIONS_TABLE = "namespace_onboarding_actions";
    private static final String NAMESPACES_TABLE = "namespaces";

    public static LayoutRequest of(FunnelJobFile file) {
        String layout = file.layout() == null ? FunnelJobFile.COLUMNS : file.layout();
        String namespaces = file.namespacesTable() == null && FunnelJobFile.ACTION_ROWS.equals(layout)
                ? NAMESPACES_TABLE : file.namespacesTable();
        return new LayoutRequest(layout, namespaces, file.actionCodes());
    }

    /** The table read when neither --table nor the job file names one: GitLab's name for it in this layout. */
    public String defaultTable() {
        return actionRows() ? ACTIONS_TABLE : PROGRESS_TABLE;
    }

    FunnelLayout resolve(SourceCatalog catalog, TableName table) {
        return actionRows() ? ActionRows.resolve(catalog, table, namespacesTable, actionCodes) : new ActionColumns();
    }

    public boolean actionRows() {
        return FunnelJobFile.ACTION_ROWS.equals(layout);
    }
}
