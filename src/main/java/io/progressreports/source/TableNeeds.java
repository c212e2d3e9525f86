package io.progressreports.source;

import java.util.List;

/**
 * What a job reads from one source table: the table as the job file names it, the columns with the types the
 * reader can take, the steps (each an {@code <action>_at} column), and the column an index should lead with.
 *
 * @param catalogActions the funnel also reads every action column the catalog rule finds (no actions list)
 */
public record TableNeeds(String table, List<RequiredColumn> columns, List<String> steps, boolean catalogActions,
                         String indexColumn) {
}
