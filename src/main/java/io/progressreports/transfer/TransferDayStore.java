package io.progressreports.transfer;

import io.progressreports.day.DayPlanTasklet;
import io.progressreports.day.DayStore;
import io.progressreports.day.DayTable;
import io.progressreports.report.HistogramCodec;
import io.progressreports.source.Micros;
import org.HdrHistogram.DoubleHistogram;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Reads and writes a transfer job's days and rejects in the store; callers own the transactions. */
public class TransferDayStore implements DayStore<TransferDay>,
        DayPlanTasklet.PlannedDays<TransferDayStore.DayState> {

    /** What the plan needs to know about a stored day. */
    public record DayState(LocalDate day, boolean complete, boolean isFinal, Instant asOf)
            implements DayPlanTasklet.StoredDay {
    }

    /** A rejected row as rejects.csv shows it. */
    /** Times in epoch microseconds as {@link Micros} reads them (NULL and the infinities included). */
    public record Reject(long stepId, LocalDate day, String reason, long startedAt, long finishedAt,
                         BigDecimal completedItems, BigDecimal totalItems) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Long>> COUNTS = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, List<Object>>> STEPS = new TypeReference<>() {
    };

    private final JdbcTemplate template;
    private final JdbcClient jdbc;
    private final TransferRun run;
    private final DayTable days;

    public TransferDayStore(JdbcTemplate template, TransferRun run) {
        this.template = template;
        this.jdbc = JdbcClient.create(template);
        this.run = run;
        this.days = new DayTable(jdbc, "transfer_day", run.jobName(), run.definitionId());
    }

    public void registerDefinition() {
        days.registerDefinition("transfer_definition", run.definitionJson());
    }

    public Map<LocalDate, List<String>> otherDefinitions(LocalDate from, LocalDate to) {
        return days.otherDefinitions("transfer_definition", from, to);
    }

    public List<DayState> states(LocalDate from, LocalDate to) {
        return jdbc.sql("""
                        select day, complete, final, as_of from transfer_day
                        where job_name = :job and definition_id = :definition and day between :from and :to""")
                .params(days.span(from, to))
                .query((rs, i) -> new DayState(rs.getObject(1, LocalDate.class), rs.getBoolean(2), rs.getBoolean(3),
                        rs.getTimestamp(4).toInstant()))
                .list();
    }

    @Override
    public void reset(LocalDate from, LocalDate to) {
        jdbc.sql("""
                        delete from transfer_reject
                        where job_name = :job and definition_id = :definition and day between :from and :to""")
                .params(days.span(from, to)).update();
        from.datesUntil(to.plusDays(1)).forEach(day -> save(day, new TransferDay()));
    }

    @Override
    public void save(LocalDate day, TransferDay aggregate) {
        var names = new ArrayList<>(aggregate.steps().keySet());
        var steps = new LinkedHashMap<String, Object>();
        steps.put("names", names);
        steps.put("steps", names.stream().map(n -> aggregate.steps().get(n).steps()).toList());
        steps.put("micros", names.stream().map(n -> aggregate.steps().get(n).micros()).toList());
        steps.put("min_micros", names.stream().map(n -> aggregate.steps().get(n).minMicros()).toList());
        steps.put("max_micros", names.stream().map(n -> aggregate.steps().get(n).maxMicros()).toList());
        jdbc.sql("""
                        insert into transfer_day (job_name, definition_id, day, complete, final, as_of, transfers, items,
                            micros, min_speed, max_speed, speeds, untimed, rejected, statuses, steps, step_seconds)
                        values (:job, :definition, :day, false, false, :asOf, :transfers, :items, :micros, :minSpeed,
                            :maxSpeed,
                            :speeds, :untimed, cast(:rejected as jsonb), cast(:statuses as jsonb),
                            cast(:steps as jsonb), :stepSeconds)
                        on conflict (job_name, definition_id, day) do update set
                            complete = false, final = false, as_of = excluded.as_of, transfers = excluded.transfers,
                            items = excluded.items, micros = excluded.micros, min_speed = excluded.min_speed,
                            max_speed = excluded.max_speed,
                            speeds = excluded.speeds, untimed = excluded.untimed, rejected = excluded.rejected,
                            statuses = excluded.statuses,
                            steps = excluded.steps, step_seconds = excluded.step_seconds, computed_at = now()""")
                .param("job", run.jobName())
                .param("definition", run.definitionId())
                .param("day", day)
                .param("asOf", Timestamp.from(run.asOf()))
                .param("transfers", aggregate.transfers())
                .param("items", aggregate.items())
                .param("micros", aggregate.micros())
                .param("minSpeed", aggregate.minSpeed())
                .param("maxSpeed", aggregate.maxSpeed())
                .param("speeds", HistogramCodec.encode(new DoubleHistogram[] {aggregate.speeds()}))
                .param("untimed", aggregate.untimed())
                .param("rejected", JSON.writeValueAsString(aggregate.rejected()))
                .param("statuses", JSON.writeValueAsString(aggregate.statuses()))
                .param("steps", JSON.writeValueAsString(steps))
                .param("stepSeconds", HistogramCodec.encode(names.stream().map(n -> aggregate.steps().get(n).seconds())
                        .toArray(DoubleHistogram[]::new)))
                .update();
    }

    /** The chunk's rejected rows, for rejects.csv: nothing is silently dropped. */
    public void saveRejects(List<? extends TimingRecord> records) {
        List<Object[]> rows = records.stream()
                .filter(TimingRecord.Rejected.class::isInstance)
                .map(TimingRecord.Rejected.class::cast)
                .map(reject -> new Object[] {run.jobName(), run.definitionId(), reject.day(), reject.row().stepId(),
                        reject.reason(), Micros.toTimestamp(reject.row().startedAt()),
                        Micros.toTimestamp(reject.row().finishedAt()),
                        reject.row().completedItems(), reject.row().totalItems()})
                .toList();
        if (!rows.isEmpty()) {
            template.batchUpdate("""
                    insert into transfer_reject (job_name, definition_id, day, deployment_step_id, reason, started_at,
                        finished_at, completed_items, total_items)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
        }
    }

    @Override
    public void complete(LocalDate from, LocalDate to) {
        days.complete(from, to, run::isFinal);
    }

    @Override
    public Stream<Map.Entry<LocalDate, TransferDay>> stream(LocalDate from, LocalDate to) {
        return jdbc.sql("""
                        select day, transfers, items, micros, max_speed, speeds, untimed, rejected, steps, step_seconds,
                            min_speed, statuses
                        from transfer_day
                        where job_name = :job and definition_id = :definition and day between :from and :to
                        order by day""")
                .params(days.span(from, to))
                .withFetchSize(FETCH_DAYS)
                .query((rs, i) -> Map.entry(rs.getObject(1, LocalDate.class), day(rs)))
                .stream();
    }

    public List<Reject> rejects(LocalDate from, LocalDate to) {
        return jdbc.sql("""
                        select deployment_step_id, day, reason, started_at, finished_at, completed_items, total_items
                        from transfer_reject
                        where job_name = :job and definition_id = :definition and day between :from and :to
                        order by day, deployment_step_id""")
                .params(days.span(from, to))
                .query((rs, i) -> new Reject(rs.getLong(1), rs.getObject(2, LocalDate.class), rs.getString(3),
                        Micros.of(rs.getTimestamp(4)), Micros.of(rs.getTimestamp(5)), rs.getBigDecimal(6),
                        rs.getBigDecimal(7)))
                .list();
    }

    private static TransferDay day(ResultSet rs) throws SQLException {
        Map<String, List<Object>> steps = JSON.readValue(rs.getString(9), STEPS);
        DoubleHistogram[] seconds = HistogramCodec.decode(rs.getBytes(10));
        var stats = new TreeMap<String, StepStats>();
        List<Object> names = steps.get("names");
        for (int i = 0; i < names.size(); i++) {
            stats.put((String) names.get(i), new StepStats(number(steps, "steps", i), number(steps, "micros", i),
                    number(steps, "min_micros", i), number(steps, "max_micros", i), seconds[i]));
        }
        return new TransferDay(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getDouble(11), rs.getDouble(5),
                HistogramCodec.decode(rs.getBytes(6))[0], rs.getLong(7), JSON.readValue(rs.getString(8), COUNTS),
                JSON.readValue(rs.getString(12), COUNTS), stats);
    }

    private static long number(Map<String, List<Object>> steps, String key, int index) {
        return ((Number) steps.get(key).get(index)).longValue();
    }

}
