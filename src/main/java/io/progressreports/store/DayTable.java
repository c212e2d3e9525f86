package io.progressreports.store;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.LocalDate;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What every job's day table shares: rows keyed by job, definition and day, a definition table beside it, and
 * days marked complete (and final) when their span's step completes. Table names are constants of the jobs,
 * never user input.
 */
public final class DayTable {

    private final JdbcClient jdbc;
    private final String table;
    private final String jobName;
    private final String definitionId;

    public DayTable(JdbcClient jdbc, String table, String jobName, String definitionId) {
        this.jdbc = jdbc;
        this.table = table;
        this.jobName = jobName;
        this.definitionId = definitionId;
    }

    /** Named parameters :job, :definition, :from and :to for a span of this job's days. */
    public Map<String, Object> span(LocalDate from, LocalDate to) {
        return Map.of("job", jobName, "definition", definitionId, "from", from, "to", to);
    }

    public void registerDefinition(String definitionTable, String definitionJson) {
        jdbc.sql("insert into " + definitionTable + " (definition_id, definition) values (:id, cast(:json as jsonb)) "
                        + "on conflict (definition_id) do nothing")
                .param("id", definitionId)
                .param("json", definitionJson)
                .update();
    }

    public void complete(LocalDate from, LocalDate to, Predicate<LocalDate> isFinal) {
        from.datesUntil(to.plusDays(1)).forEach(day -> jdbc.sql("update " + table
                        + " set complete = true, final = :final"
                        + " where job_name = :job and definition_id = :definition and day = :day")
                .param("final", isFinal.test(day))
                .param("job", jobName)
                .param("definition", definitionId)
                .param("day", day)
                .update());
    }
}
