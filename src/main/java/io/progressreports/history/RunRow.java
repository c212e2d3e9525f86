package io.progressreports.history;

import io.progressreports.report.Cells;
import io.progressreports.report.Column;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
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

    /** By design.md's CSV rules; empty where unknown. */
    public static final List<Column<RunRow>> COLUMNS = List.of(
            new Column<>("execution_id", row -> Long.toString(row.executionId())),
            new Column<>("job", row -> Cells.text(row.job())),
            new Column<>("from", row -> text(row.from())),
            new Column<>("to", row -> text(row.to())),
            new Column<>("as_of", row -> text(row.asOf())),
            new Column<>("grain", row -> Cells.text(row.grain())),
            new Column<>("recompute", row -> Boolean.toString(row.recompute())),
            new Column<>("status", row -> Cells.text(row.status())),
            new Column<>("start", row -> text(row.start())),
            new Column<>("duration", row -> row.duration() == null ? ""
                    : Cells.decimal(row.duration().toMillis() / 1000.0, 1)),
            new Column<>("rows_read", row -> text(row.rowsRead())),
            new Column<>("rejected", row -> text(row.rejected())),
            new Column<>("untimed", row -> text(row.untimed())),
            new Column<>("days_computed", row -> text(row.daysComputed())),
            new Column<>("days_reused", row -> text(row.daysReused())),
            new Column<>("exit_code", row -> text(row.exitCode())),
            new Column<>("zone", row -> Cells.text(text(row.zone()))),
            new Column<>("table", row -> Cells.text(text(row.table()))),
            new Column<>("definition", row -> Cells.text(text(row.definition()))),
            new Column<>("folder", row -> Cells.text(text(row.folder()))));
    static final Set<String> NUMERIC = Set.of("execution_id", "duration", "rows_read", "rejected", "untimed",
            "days_computed", "days_reused", "exit_code");

    private static String text(Object value) {
        return Objects.toString(value, "");
    }
}
