package io.progressreports.day;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A kind's stored days: rows of its day table keyed by job, definition and day, a definition table beside it, and
 * a table of the days' detail rows (a funnel's dropoffs, a transfer job's rejects); days marked complete (and final)
 * when their span's step completes. The kind declares its aggregate's columns and reads an aggregate back; its detail
 * rows are its own. Table and column names are constants of the kinds, never user input. Callers own the
 * transactions.
 */
public abstract class DayTable<A> implements DayStore<A>, DayPlanTasklet.PlannedDays {

    /**
     * What the plan needs to know about a stored day.
     *
     * @param detailed whether the day was stored with the detail rows a run may go without (a funnel's dropoffs)
     */
    public record DayState(LocalDate day, boolean complete, boolean isFinal, Instant asOf, boolean detailed) {
    }

    /**
     * @param days        the day table
     * @param definitions its definitions, by id
     * @param details     the days' detail rows, keyed by job, definition and day too
     * @param detailed    the day table's column that says whether a day has the detail rows a run may go without,
     *                    or {@code true} where every run stores them
     */
    public record Tables(String days, String definitions, String details, String detailed) {
    }

    private final JdbcTemplate template;
    private final JdbcClient jdbc;
    private final DayRun run;
    private final Tables tables;
    private final List<DayColumn<A>> columns;
    private final String upsert;

    protected DayTable(JdbcTemplate template, DayRun run, Tables tables, List<DayColumn<A>> columns) {
        this.template = template;
        this.jdbc = JdbcClient.create(template);
        this.run = run;
        this.tables = tables;
        this.columns = columns;
        String names = columns.stream().map(DayColumn::name).collect(Collectors.joining(", "));
        this.upsert = "insert into " + tables.days() + " (job_name, definition_id, day, complete, final, as_of, "
                + names + ")\nvalues (:job, :definition, :day, false, false, :asOf, "
                + columns.stream().map(DayColumn::placeholder).collect(Collectors.joining(", ")) + ")"
                + "\non conflict (job_name, definition_id, day) do update set complete = false, final = false, "
                + "as_of = excluded.as_of, " + columns.stream().map(column -> column.name() + " = excluded."
                + column.name()).collect(Collectors.joining(", ")) + ", computed_at = now()";
    }

    /** An aggregate of no rows, as a day is stored before its span is computed. */
    protected abstract A empty();

    /** The aggregate of a row of the day table, read by column name. */
    protected abstract A read(ResultSet row) throws SQLException;

    /** For a kind's own queries of its tables. */
    protected JdbcClient jdbc() {
        return jdbc;
    }

    /** Named parameters :job, :definition, :from and :to for a span of this job's days. */
    protected Map<String, Object> span(LocalDate from, LocalDate to) {
        return Map.of("job", run.jobName(), "definition", run.definitionId(), "from", from, "to", to);
    }

    /**
     * Adds detail rows of days of this job's definition to the detail table.
     *
     * @param columns the detail table's columns after job_name, definition_id and day
     * @param rows    each row's day, then its values of {@code columns}
     */
    protected void insertDetails(String columns, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        int values = rows.get(0).length;
        template.batchUpdate("insert into " + tables.details() + " (job_name, definition_id, day, " + columns
                        + ") values (?, ?" + ", ?".repeat(values) + ")",
                rows.stream().map(row -> {
                    var full = new Object[values + 2];
                    full[0] = run.jobName();
                    full[1] = run.definitionId();
                    System.arraycopy(row, 0, full, 2, values);
                    return full;
                }).toList());
    }

    /** The detail rows of the span's days, {@code columns} (day first) in {@code order}. */
    protected <T> List<T> details(String columns, String order, LocalDate from, LocalDate to, RowMapper<T> mapper) {
        return jdbc.sql("select " + columns + " from " + tables.details()
                        + " where job_name = :job and definition_id = :definition and day between :from and :to"
                        + " order by " + order)
                .params(span(from, to))
                .query(mapper)
                .list();
    }

    @Override
    public void registerDefinition() {
        jdbc.sql("insert into " + tables.definitions() + " (definition_id, definition) values (:id, "
                        + "cast(:json as jsonb)) on conflict (definition_id) do nothing")
                .param("id", run.definitionId())
                .param("json", run.definitionJson())
                .update();
    }

    /**
     * For each day of the span that this job stored complete under other definitions, those definitions' JSON:
     * what tells a day's reason to be computed ({@link DayReasons}).
     */
    @Override
    public Map<LocalDate, List<String>> otherDefinitions(LocalDate from, LocalDate to) {
        var definitions = new TreeMap<LocalDate, List<String>>();
        jdbc.sql("select d.day, f.definition::text from " + tables.days() + " d join " + tables.definitions()
                        + " f using (definition_id) where d.job_name = :job and d.definition_id <> :definition"
                        + " and d.day between :from and :to and d.complete order by d.day, d.definition_id")
                .params(span(from, to))
                .query(rs -> {
                    definitions.computeIfAbsent(rs.getObject(1, LocalDate.class), day -> new ArrayList<>())
                            .add(rs.getString(2));
                });
        return definitions;
    }

    @Override
    public List<DayState> states(LocalDate from, LocalDate to) {
        return jdbc.sql("select day, complete, final, as_of, " + tables.detailed() + " from " + tables.days()
                        + " where job_name = :job and definition_id = :definition and day between :from and :to"
                        + " order by day")
                .params(span(from, to))
                .query((rs, i) -> new DayState(rs.getObject(1, LocalDate.class), rs.getBoolean(2), rs.getBoolean(3),
                        rs.getTimestamp(4).toInstant(), rs.getBoolean(5)))
                .list();
    }

    @Override
    public void reset(LocalDate from, LocalDate to) {
        jdbc.sql("delete from " + tables.details()
                        + " where job_name = :job and definition_id = :definition and day between :from and :to")
                .params(span(from, to)).update();
        from.datesUntil(to.plusDays(1)).forEach(day -> save(day, empty()));
    }

    @Override
    public void save(LocalDate day, A aggregate) {
        var statement = jdbc.sql(upsert)
                .param("job", run.jobName())
                .param("definition", run.definitionId())
                .param("day", day)
                .param("asOf", Timestamp.from(run.asOf()));
        for (DayColumn<A> column : columns) {
            statement = statement.param(column.name(), column.value().apply(aggregate));
        }
        statement.update();
    }

    @Override
    public void complete(LocalDate from, LocalDate to) {
        from.datesUntil(to.plusDays(1)).forEach(day -> jdbc.sql("update " + tables.days()
                        + " set complete = true, final = :final"
                        + " where job_name = :job and definition_id = :definition and day = :day")
                .param("final", run.isFinal(day))
                .param("job", run.jobName())
                .param("definition", run.definitionId())
                .param("day", day)
                .update());
    }

    @Override
    public Stream<Map.Entry<LocalDate, A>> stream(LocalDate from, LocalDate to) {
        return jdbc.sql("select day, " + columns.stream().map(DayColumn::name).collect(Collectors.joining(", "))
                        + " from " + tables.days()
                        + " where job_name = :job and definition_id = :definition and day between :from and :to"
                        + " order by day")
                .params(span(from, to))
                .withFetchSize(FETCH_DAYS)
                .query((rs, i) -> Map.entry(rs.getObject("day", LocalDate.class), read(rs)))
                .stream();
    }
}
