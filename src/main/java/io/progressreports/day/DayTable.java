package io.progressreports.day;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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

    /**
     * For each day of the span that this job stored complete under other definitions, those definitions' JSON:
     * what tells a day's reason to be computed ({@link DayReasons}).
     */
    public Map<LocalDate, List<String>> otherDefinitions(String definitionTable, LocalDate from, LocalDate to) {
        var definitions = new TreeMap<LocalDate, List<String>>();
        jdbc.sql("select d.day, f.definition::text from " + table + " d join " + definitionTable
                        + " f using (definition_id) where d.job_name = :job and d.definition_id <> :definition"
                        + " and d.day between :from and :to and d.complete order by d.day, d.definition_id")
                .params(span(from, to))
                .query(rs -> {
                    definitions.computeIfAbsent(rs.getObject(1, LocalDate.class), day -> new ArrayList<>())
                            .add(rs.getString(2));
                });
        return definitions;
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
