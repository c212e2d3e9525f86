package io.progressreports.funnel;

import io.progressreports.day.DayColumn;
import io.progressreports.day.DayTable;
import io.progressreports.report.HistogramCodec;
import io.progressreports.source.Micros;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.nio.ByteBuffer;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
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
    private static final TypeReference<List<StoredSegment>> SEGMENTS = new TypeReference<>() {
    };

    /**
     * One segment of a day in the segments column (null without a breakdown): its value (null for NULL) and its
     * figures, completions flattened as the day's, and for each step the hours to it of each namespace that reached
     * it (see {@link SegmentFigures}), as 8-byte doubles (Base64 in JSON): as JSON numbers, PostgreSQL would parse
     * and print each one as a numeric, most of a nightly run's cost of a breakdown (measured).
     */
    record StoredSegment(String value, long namespaces, long[] reached, long[] completed, byte[][] hours) {
    }

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
                DayColumn.cast("completed", "bigint[]", day -> arrayLiteral(flat(day.completed()))),
                DayColumn.cast("before_creation", "bigint[]", day -> arrayLiteral(day.beforeCreation())),
                DayColumn.cast("late_action", "bigint[]", day -> arrayLiteral(day.afterAsOf().flatten()[0])),
                DayColumn.cast("late_at", "bigint[]", day -> arrayLiteral(day.afterAsOf().flatten()[1])),
                DayColumn.cast("rejected", "jsonb", day -> JSON.writeValueAsString(day.rejected())),
                DayColumn.of("hours_to_step", day -> HistogramCodec.encode(day.hoursToStep())),
                DayColumn.cast("segments", "jsonb", FunnelDayStore::segmentsJson));
    }

    /** In value order, NULL first, so that equal days are stored as equal text. */
    private static String segmentsJson(FunnelDayAggregate day) {
        if (!day.segmented()) {
            return null;
        }
        return JSON.writeValueAsString(day.segments().entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Comparator.nullsFirst(Comparator.naturalOrder())))
                .map(segment -> new StoredSegment(segment.getKey(), segment.getValue().namespaces(),
                        segment.getValue().reached(), flat(segment.getValue().completed()),
                        Arrays.stream(segment.getValue().hours()).map(FunnelDayStore::bytes).toArray(byte[][]::new)))
                .toList());
    }

    private static byte[] bytes(double[] values) {
        var buffer = ByteBuffer.allocate(values.length * Double.BYTES);
        buffer.asDoubleBuffer().put(values);
        return buffer.array();
    }

    private static double[] doubles(byte[] bytes) {
        var values = new double[bytes.length / Double.BYTES];
        ByteBuffer.wrap(bytes).asDoubleBuffer().get(values);
        return values;
    }

    private static long[] flat(long[][] completed) {
        return Arrays.stream(completed).flatMapToLong(Arrays::stream).toArray();
    }

    /**
     * How many namespaces each segment has over the days, NULL under a null key: the sizes a report ranks its
     * segments by before it reads the days.
     */
    public Map<String, Long> segmentSizes(LocalDate from, LocalDate to) {
        var sizes = new HashMap<String, Long>();
        jdbc().sql("select s ->> 'value', sum((s ->> 'namespaces')::bigint) from " + TABLES.days() + " d"
                        + " cross join lateral jsonb_array_elements(d.segments) s"
                        + " where d.job_name = :job and d.definition_id = :definition and d.day between :from and :to"
                        + " group by 1")
                .params(span(from, to))
                .query(rs -> {
                    sizes.put(rs.getString(1), rs.getLong(2));
                });
        return sizes;
    }

    @Override
    protected FunnelDayAggregate empty() {
        return FunnelDayAggregate.empty(run.definition(), run.segment() != null);
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
        int actions = run.definition().actions().size();
        var figures = new FunnelFigures(rs.getLong("namespaces"), longs(rs.getArray("reached")),
                HistogramCodec.decode(rs.getBytes("hours_to_step")), unflat(longs(rs.getArray("completed"))));
        return new FunnelDayAggregate(run.definition(), figures, longs(rs.getArray("before_creation")),
                LateActions.of(actions, longs(rs.getArray("late_action")), longs(rs.getArray("late_at"))),
                JSON.readValue(rs.getString("rejected"), REASONS), segments(rs.getString("segments")));
    }

    private Map<String, SegmentFigures> segments(String json) {
        if (json == null) {
            return null;
        }
        var segments = new HashMap<String, SegmentFigures>();
        for (StoredSegment segment : JSON.readValue(json, SEGMENTS)) {
            segments.put(segment.value(), new SegmentFigures(segment.namespaces(), segment.reached(),
                    Arrays.stream(segment.hours()).map(FunnelDayStore::doubles).toArray(double[][]::new),
                    unflat(segment.completed())));
        }
        return segments;
    }

    /** Completions by action, then age, from the flat order they are stored in. */
    private long[][] unflat(long[] flat) {
        int ages = run.definition().completionAges().size();
        long[][] completed = new long[flat.length / Math.max(ages, 1)][];
        for (int action = 0; action < completed.length; action++) {
            completed[action] = Arrays.copyOfRange(flat, action * ages, (action + 1) * ages);
        }
        return completed;
    }

    private static long[] longs(Array array) throws SQLException {
        return Arrays.stream((Long[]) array.getArray()).mapToLong(Long::longValue).toArray();
    }

    private static String arrayLiteral(long[] values) {
        return Arrays.stream(values).mapToObj(Long::toString).collect(Collectors.joining(",", "{", "}"));
    }
}
