package io.progressreports.check;

import io.progressreports.funnel.ActionColumns;
import io.progressreports.funnel.ActionRows;
import io.progressreports.funnel.LayoutRequest;
import io.progressreports.job.JobFile;
import io.progressreports.transfer.TransferLauncher;
import io.progressreports.source.RequiredColumn;

import java.util.List;
import java.util.Objects;

/**
 * What a job reads from one source table: the table as the job file names it, the columns with the types the
 * reader can take, the steps (each an {@code <action>_at} column), and the column an index should lead with.
 *
 * @param catalogActions the funnel also reads every action column the catalog rule finds (no actions list)
 */
record TableNeeds(String table, List<RequiredColumn> columns, List<String> steps, boolean catalogActions,
                  String indexColumn) {

    /** The defaults are run's, for job files that leave the tables out. */
    static List<TableNeeds> of(JobFile file) {
        if (JobFile.FUNNEL.equals(file.kind())) {
            LayoutRequest layout = LayoutRequest.of(file);
            String table = Objects.requireNonNullElse(file.table(), layout.defaultTable());
            if (layout.actionRows()) {
                return List.of(new TableNeeds(table, ActionRows.ACTIONS_COLUMNS, List.of(), false,
                                ActionRows.ACTIONS_INDEX_COLUMN),
                        new TableNeeds(layout.namespacesTable(), ActionRows.NAMESPACES_COLUMNS, List.of(), false,
                                ActionRows.NAMESPACES_INDEX_COLUMN));
            }
            List<String> steps = Objects.requireNonNullElse(file.steps(), List.of());
            return List.of(file.actions() == null
                    ? new TableNeeds(table, ActionColumns.ROW_COLUMNS, steps, true, ActionColumns.INDEX_COLUMN)
                    : new TableNeeds(table, ActionColumns.required(file.actions()), steps, false,
                            ActionColumns.INDEX_COLUMN));
        }
        return List.of(
                new TableNeeds(Objects.requireNonNullElse(file.stepsTable(), "deployment_steps"),
                        TransferLauncher.STEP_COLUMNS, List.of(), false, TransferLauncher.STEPS_INDEX_COLUMN),
                new TableNeeds(Objects.requireNonNullElse(file.timingsTable(), "deployment_step_timings"),
                        TransferLauncher.TIMING_COLUMNS, List.of(), false, TransferLauncher.TIMINGS_INDEX_COLUMN));
    }
}
