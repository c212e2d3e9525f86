package io.progressreports.history;

import io.progressreports.report.Cells;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One job execution as {@code history} shows it. Null stands for what is not known: the figures of a run that
 * failed before its report, the end of a run still going, the exit code of a run that was killed.
 *
 * @param untimed    transfer jobs only
 * @param definition the flags by which the run's settings differ from its job file's, "job file" for none
 * @param folder     where its report was (or is to be) published
 */
public record RunRow(long executionId, String job, LocalDate from, LocalDate to, Instant asOf, String grain,
                     boolean recompute, String status, Instant start, Duration duration, Long rowsRead,
                     Long rejected, Long untimed, Long daysComputed, Long daysReused, Integer exitCode,
                     String zone, String table, String definition, String folder) {

    public static final List<String> COLUMNS = List.of("execution_id", "job", "from", "to", "as_of", "grain",
            "recompute", "status", "start", "duration", "rows_read", "rejected", "untimed", "days_computed",
            "days_reused", "exit_code", "zone", "table", "definition", "folder");
    static final Set<String> NUMERIC = Set.of("execution_id", "duration", "rows_read", "rejected", "untimed",
            "days_computed", "days_reused", "exit_code");

    /** In the order of {@link #COLUMNS}, by design.md's CSV rules; empty where unknown. */
    public List<String> cells() {
        return Arrays.asList(Long.toString(executionId), Cells.text(job), text(from), text(to), text(asOf),
                Cells.text(grain), Boolean.toString(recompute), Cells.text(status), text(start),
                duration == null ? "" : Cells.decimal(duration.toMillis() / 1000.0, 1), text(rowsRead),
                text(rejected), text(untimed), text(daysComputed), text(daysReused), text(exitCode),
                Cells.text(text(zone)), Cells.text(text(table)), Cells.text(text(definition)),
                Cells.text(text(folder)));
    }

    private static String text(Object value) {
        return Objects.toString(value, "");
    }
}
