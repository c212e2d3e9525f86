package io.progressreports.check;

import io.progressreports.funnel.ActionColumns;
import io.progressreports.funnel.ActionRows;
import io.progressreports.funnel.LayoutRequest;
import io.progressreports.job.JobFile;
import io.progressreports.source.RequiredColumn;
import io.progressreports.transfer.TransferLauncher;

import java.util.List;
import java.util.Objects;

/**
 * What a job reads from one source table: the table as the job file names it, the columns, the actions (each an
 * {@code <action>_at} column that must be a nullable timestamp), and the column an index should lead with.
 */
record TableNeeds(String table, List<String> columns, List<String> actions, String indexColumn) {

    /** The defaults are run's, for job files that leave the tables out. */
    static List<TableNeeds> of(JobFile file) {
        if (JobFile.FUNNEL.equals(file.kind())) {
            LayoutRequest layout = LayoutRequest.of(file);
            String table = Objects.requireNonNullElse(file.table(), layout.defaultTable());
            if (layout.actionRows()) {
                return List.of(new TableNeeds(table, names(ActionRows.ACTIONS_COLUMNS), List.of(),
                                ActionRows.ACTIONS_INDEX_COLUMN),
                        new TableNeeds(layout.namespacesTable(), names(ActionRows.NAMESPACES_COLUMNS), List.of(),
                                ActionRows.NAMESPACES_INDEX_COLUMN));
            }
            return List.of(new TableNeeds(table, ActionColumns.ROW_COLUMNS,
                    Objects.requireNonNullElse(file.steps(), List.of()), ActionColumns.INDEX_COLUMN));
        }
        return List.of(
                new TableNeeds(Objects.requireNonNullElse(file.stepsTable(), "deployment_steps"),
                        TransferLauncher.STEP_COLUMNS, List.of(), TransferLauncher.STEPS_INDEX_COLUMN),
                new TableNeeds(Objects.requireNonNullElse(file.timingsTable(), "deployment_step_timings"),
                        TransferLauncher.TIMING_COLUMNS, List.of(), TransferLauncher.TIMINGS_INDEX_COLUMN));
    }

    private static List<String> names(List<RequiredColumn> columns) {
        return columns.stream().map(RequiredColumn::name).toList();
    }
}
