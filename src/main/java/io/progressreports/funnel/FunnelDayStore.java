package io.progressreports.funnel;

import io.progressreports.day.DayPlanTasklet;
import io.progressreports.day.DayStore;
import io.progressreports.day.DayTable;
import io.progressreports.report.HistogramCodec;
import io.progressreports.source.Micros;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Reads and writes a funnel's cohort days in the store; callers own the transactions. */
public class FunnelDayStore implements DayStore<FunnelDayAggregate>,
        DayPlanTasklet.PlannedDays<FunnelDayStore.DayState> {

    /** What the plan needs to know about a stored day. */
    public record DayState(LocalDate day, boolean complete, boolean isFinal, boolean withDropoffs, Instant asOf)
            implements DayPlanTasklet.StoredDay {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Long>> REASONS = new TypeReference<>() {
    };

    private final JdbcTemplate template;
    private final JdbcClient jdbc;
    private final FunnelRun run;
    private final DayTable days;

    public FunnelDayStore(JdbcTemplate template, FunnelRun run) {
        this.template = template;
        this.jdbc = JdbcClient.create(template);
        this.run = run;
        this.days = new DayTable(jdbc, "funnel_day", run.jobName(), run.definitionId());
    }

    public void registerDefinition() {
        days.registerDefinition("funnel_definition", run.definitionJson());
    }

    public Map<LocalDate, List<String>> otherDefinitions(LocalDate from, LocalDate to) {
        return days.otherDefinitions("funnel_definition", from, to);
    }

    public List<DayState> states(LocalDate from, LocalDate to) {
        return jdbc.sql("""
                        select day, complete, final, with_dropoffs, as_of from funnel_day
                        where job_name = :job and definition_id = :definition and day between :from and :to
                        order by day""")
                .params(days.span(from, to))
                .query((rs, i) -> new DayState(rs.getObject(1, LocalDate.class), rs.getBoolean(2), rs.getBoolean(3),
                        rs.getBoolean(4), rs.getTimestamp(5).toInstant()))
                .list();
    }

    @Override
    public void reset(LocalDate from, LocalDate to) {
        jdbc.sql("""
                        delete from funnel_dropoff
                        where job_name = :job and definition_id = :definition and day between :from and :to""")
                .params(days.span(from, to)).update();
        from.datesUntil(to.plusDays(1)).forEach(day -> save(day, FunnelDayAggregate.empty(run.definition())));
    }

    @Override
    public void save(LocalDate day, FunnelDayAggregate aggregate) {
        long[][] late = aggregate.afterAsOf().flatten();
        jdbc.sql("""
                        insert into funnel_day (job_name, definition_id, day, complete, final, as_of, with_dropoffs,
                            namespaces, reached, completed, before_creation, late_action, late_at, rejected, hours_to_step)
                        values (:job, :definition, :day, false, false, :asOf, :dropoffs, :namespaces,
                            cast(:reached as bigint[]), cast(:completed as bigint[]), cast(:before as bigint[]),
                            cast(:lateAction as bigint[]), cast(:lateAt as bigint[]), cast(:rejected as jsonb), :hours)
                        on conflict (job_name, definition_id, day) do update set
                            complete = false, final = false, as_of = excluded.as_of,
                            with_dropoffs = excluded.with_dropoffs, namespaces = excluded.namespaces,
                            reached = excluded.reached, completed = excluded.completed,
                            before_creation = excluded.before_creation, late_action = excluded.late_action,
                            late_at = excluded.late_at,
                            rejected = excluded.rejected, hours_to_step = excluded.hours_to_step,
                            computed_at = now()""")
                .param("job", run.jobName())
                .param("definition", run.definitionId())
                .param("day", day)
                .param("asOf", Timestamp.from(run.asOf()))
                .param("dropoffs", run.dropoffs())
                .param("namespaces", aggregate.namespaces())
                .param("reached", arrayLiteral(aggregate.reached()))
                .param("completed", arrayLiteral(Arrays.stream(aggregate.completed()).flatMapToLong(Arrays::stream)
                        .toArray()))
                .param("before", arrayLiteral(aggregate.beforeCreation()))
                .param("lateAction", arrayLiteral(late[0]))
                .param("lateAt", arrayLiteral(late[1]))
                .param("rejected", JSON.writeValueAsString(aggregate.rejected()))
                .param("hours", HistogramCodec.encode(aggregate.hoursToStep()))
                .update();
    }

    /** Namespaces of the chunk that stopped before the last step, when the run asked for dropoffs. */
    public void saveDropoffs(List<? extends OnboardingRecord> records) {
        if (!run.dropoffs()) {
            return;
        }
        int lastStep = run.definition().stepCount();
        List<NamespaceOutcome> dropoffs = records.stream()
                .filter(r -> r instanceof NamespaceOutcome o && o.stepsReached() < lastStep)
                .map(NamespaceOutcome.class::cast).toList();
        template.batchUpdate("""
                        insert into funnel_dropoff (job_name, definition_id, day, namespace_id, last_step_number,
                            last_step_at)
                        values (?, ?, ?, ?, ?, ?)""",
                dropoffs.stream().map(outcome -> new Object[] {run.jobName(), run.definitionId(), outcome.cohortDay(),
                        outcome.namespaceId(), outcome.stepsReached(),
                        Timestamp.from(Micros.toInstant(outcome.stepTimes()[outcome.stepsReached() - 1]))}).toList());
    }

    @Override
    public void complete(LocalDate from, LocalDate to) {
        days.complete(from, to, run::isFinal);
    }

    @Override
    public Stream<Map.Entry<LocalDate, FunnelDayAggregate>> stream(LocalDate from, LocalDate to) {
        return jdbc.sql("""
                        select day, namespaces, reached, completed, before_creation, late_action, late_at, rejected,
                            hours_to_step
                        from funnel_day
                        where job_name = :job and definition_id = :definition and day between :from and :to
                        order by day""")
                .params(days.span(from, to))
                .withFetchSize(FETCH_DAYS)
                .query((rs, i) -> Map.entry(rs.getObject(1, LocalDate.class), aggregate(rs)))
                .stream();
    }

    /** Dropoffs in cohort-day then namespace order, for dropoffs.csv. */
    public List<Dropoff> dropoffs(LocalDate from, LocalDate to) {
        return jdbc.sql("""
                        select day, namespace_id, last_step_number, last_step_at from funnel_dropoff
                        where job_name = :job and definition_id = :definition and day between :from and :to
                        order by day, namespace_id""")
                .params(days.span(from, to))
                .query((rs, i) -> new Dropoff(rs.getObject(1, LocalDate.class), rs.getLong(2), rs.getInt(3),
                        rs.getTimestamp(4).toInstant()))
                .list();
    }

    public record Dropoff(LocalDate day, long namespaceId, int lastStepNumber, java.time.Instant lastStepAt) {
    }

    private FunnelDayAggregate aggregate(ResultSet rs) throws SQLException {
        int ages = run.definition().completionAges().size();
        long[] flat = longs(rs.getArray(4));
        long[][] completed = new long[flat.length / Math.max(ages, 1)][];
        for (int action = 0; action < completed.length; action++) {
            completed[action] = Arrays.copyOfRange(flat, action * ages, (action + 1) * ages);
        }
        int actions = run.definition().actions().size();
        return new FunnelDayAggregate(rs.getLong(2), longs(rs.getArray(3)), HistogramCodec.decode(rs.getBytes(9)),
                completed, longs(rs.getArray(5)), LateActions.of(actions, longs(rs.getArray(6)), longs(rs.getArray(7))),
                JSON.readValue(rs.getString(8), REASONS));
    }

    private static long[] longs(Array array) throws SQLException {
        return Arrays.stream((Long[]) array.getArray()).mapToLong(Long::longValue).toArray();
    }

    private static String arrayLiteral(long[] values) {
        return Arrays.stream(values).mapToObj(Long::toString).collect(Collectors.joining(",", "{", "}"));
    }
}
