package io.progressreports.funnel;

import io.progressreports.day.DayColumn;
import io.progressreports.day.DayTable;
import io.progressreports.report.HistogramCodec;
import io.progressreports.source.Micros;
import org.springframework.jdbc.core.JdbcTemplate;
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

/**
 * A funnel's cohort days in the store, and the namespaces that stopped before the last step; callers own the
 * transactions.
 */
public class FunnelDayStore extends DayTable<FunnelDayAggregate> {

    private static final Tables TABLES = new Tables("funnel_day", "funnel_definition", "funnel_dropoff",
            "with_dropoffs");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Long>> REASONS = new TypeReference<>() {
    };

    private final FunnelRun run;

    public FunnelDayStore(JdbcTemplate template, FunnelRun run) {
        super(template, run, TABLES, columns(run));
        this.run = run;
    }

    private static List<DayColumn<FunnelDayAggregate>> columns(FunnelRun run) {
        return List.of(
                DayColumn.of("with_dropoffs", day -> run.dropoffs()),
                DayColumn.of("namespaces", FunnelDayAggregate::namespaces),
                DayColumn.cast("reached", "bigint[]", day -> arrayLiteral(day.reached())),
                DayColumn.cast("completed", "bigint[]", day -> arrayLiteral(Arrays.stream(day.completed())
                        .flatMapToLong(Arrays::stream).toArray())),
                DayColumn.cast("before_creation", "bigint[]", day -> arrayLiteral(day.beforeCreation())),
                DayColumn.cast("late_action", "bigint[]", day -> arrayLiteral(day.afterAsOf().flatten()[0])),
                DayColumn.cast("late_at", "bigint[]", day -> arrayLiteral(day.afterAsOf().flatten()[1])),
                DayColumn.cast("rejected", "jsonb", day -> JSON.writeValueAsString(day.rejected())),
                DayColumn.of("hours_to_step", day -> HistogramCodec.encode(day.hoursToStep())));
    }

    @Override
    protected FunnelDayAggregate empty() {
        return FunnelDayAggregate.empty(run.definition());
    }

    /** Namespaces of the chunk that stopped before the last step, when the run asked for dropoffs. */
    public void saveDropoffs(List<? extends OnboardingRecord> records) {
        if (!run.dropoffs()) {
            return;
        }
        int lastStep = run.definition().stepCount();
        insertDetails("namespace_id, last_step_number, last_step_at", records.stream()
                .filter(r -> r instanceof NamespaceOutcome o && o.stepsReached() < lastStep)
                .map(NamespaceOutcome.class::cast)
                .map(outcome -> new Object[] {outcome.cohortDay(), outcome.namespaceId(), outcome.stepsReached(),
                        Timestamp.from(Micros.toInstant(outcome.stepTimes()[outcome.stepsReached() - 1]))})
                .toList());
    }

    /** Dropoffs in cohort-day then namespace order, for dropoffs.csv. */
    public List<Dropoff> dropoffs(LocalDate from, LocalDate to) {
        return details("day, namespace_id, last_step_number, last_step_at", "day, namespace_id", from, to,
                (rs, i) -> new Dropoff(rs.getObject(1, LocalDate.class), rs.getLong(2), rs.getInt(3),
                        rs.getTimestamp(4).toInstant()));
    }

    public record Dropoff(LocalDate day, long namespaceId, int lastStepNumber, Instant lastStepAt) {
    }

    @Override
    protected FunnelDayAggregate read(ResultSet rs) throws SQLException {
        int ages = run.definition().completionAges().size();
        long[] flat = longs(rs.getArray("completed"));
        long[][] completed = new long[flat.length / Math.max(ages, 1)][];
        for (int action = 0; action < completed.length; action++) {
            completed[action] = Arrays.copyOfRange(flat, action * ages, (action + 1) * ages);
        }
        int actions = run.definition().actions().size();
        return new FunnelDayAggregate(rs.getLong("namespaces"), longs(rs.getArray("reached")),
                HistogramCodec.decode(rs.getBytes("hours_to_step")), completed, longs(rs.getArray("before_creation")),
                LateActions.of(actions, longs(rs.getArray("late_action")), longs(rs.getArray("late_at"))),
                JSON.readValue(rs.getString("rejected"), REASONS));
    }

    private static long[] longs(Array array) throws SQLException {
        return Arrays.stream((Long[]) array.getArray()).mapToLong(Long::longValue).toArray();
    }

    private static String arrayLiteral(long[] values) {
        return Arrays.stream(values).mapToObj(Long::toString).collect(Collectors.joining(",", "{", "}"));
    }
}
