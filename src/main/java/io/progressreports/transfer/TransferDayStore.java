package io.progressreports.transfer;

import io.progressreports.day.DayColumn;
import io.progressreports.day.DayTable;
import io.progressreports.report.HistogramCodec;
import io.progressreports.source.Micros;
import org.HdrHistogram.DoubleHistogram;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** A transfer job's days in the store, and its rejected rows; callers own the transactions. */
public class TransferDayStore extends DayTable<TransferDay> {

    /**
     * A rejected row as rejects.csv shows it, its times in epoch microseconds as {@link Micros} reads them (NULL and
     * the infinities included).
     */
    public record Reject(long stepId, LocalDate day, String reason, long startedAt, long finishedAt,
                         BigDecimal completedItems, BigDecimal totalItems) {
    }

    /** Every run stores its days' rejects. */
    private static final Tables TABLES = new Tables("transfer_day", "transfer_definition", "transfer_reject", "true");
    /** A kept fit unused this long is dropped: a nightly run uses its range's fits every day. */
    private static final int FIT_UNUSED_DAYS = 35;
    private static final HexFormat HEX = HexFormat.of();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Long>> COUNTS = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, List<Long>>> OUTCOMES = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, List<Object>>> STEPS = new TypeReference<>() {
    };
    private static final List<DayColumn<TransferDay>> COLUMNS = List.of(
            DayColumn.of("transfers", TransferDay::transfers),
            DayColumn.of("items", TransferDay::items),
            DayColumn.of("micros", TransferDay::micros),
            DayColumn.of("min_speed", TransferDay::minSpeed),
            DayColumn.of("max_speed", TransferDay::maxSpeed),
            DayColumn.of("speeds", day -> HistogramCodec.encode(new DoubleHistogram[] {day.speeds()})),
            DayColumn.of("untimed", TransferDay::untimed),
            DayColumn.cast("rejected", "jsonb", day -> JSON.writeValueAsString(day.rejected())),
            DayColumn.cast("statuses", "jsonb", day -> JSON.writeValueAsString(day.statuses())),
            DayColumn.cast("steps", "jsonb", day -> JSON.writeValueAsString(steps(day))),
            DayColumn.of("step_seconds", day -> HistogramCodec.encode(day.steps().values().stream()
                    .map(StepStats::seconds).toArray(DoubleHistogram[]::new))),
            DayColumn.of("cells", day -> day.cells().encode()),
            DayColumn.cast("outcomes", "jsonb", day -> JSON.writeValueAsString(day.outcomes().toJson())),
            DayColumn.of("eta_points", day -> day.etaPoints().encode()),
            DayColumn.of("deployments", day -> day.deployments().encode()));

    public TransferDayStore(JdbcTemplate template, TransferRun run) {
        super(template, run, TABLES, COLUMNS);
    }

    @Override
    protected TransferDay empty() {
        return new TransferDay();
    }

    /** Each step's figures as lists in the order of its names (and of the step_seconds histograms). */
    private static Map<String, Object> steps(TransferDay day) {
        var names = new ArrayList<>(day.steps().keySet());
        var steps = new LinkedHashMap<String, Object>();
        steps.put("names", names);
        steps.put("steps", names.stream().map(n -> day.steps().get(n).steps()).toList());
        steps.put("micros", names.stream().map(n -> day.steps().get(n).micros()).toList());
        steps.put("min_micros", names.stream().map(n -> day.steps().get(n).minMicros()).toList());
        steps.put("max_micros", names.stream().map(n -> day.steps().get(n).maxMicros()).toList());
        return steps;
    }

    /** The ETA fits kept in the store, for one report: see {@link EtaFits}. */
    public EtaFits etaFits() {
        return new EtaFits();
    }

    /**
     * The store's {@code eta_fit} for one report. It first drops the fits no run has used for
     * {@link #FIT_UNUSED_DAYS} days, then reads those used since yesterday in one query (a nightly run's own): a
     * query per fit, some hundred round trips, cost more than the fits saved at a loaded machine's scheduling.
     * Others are looked up one by one; {@link #markUsed} then dates every fit found, in one statement.
     */
    public final class EtaFits implements EtaFitCache.Store {

        private final Map<String, byte[]> recent = new HashMap<>();
        private final Set<String> used = new TreeSet<>();

        private EtaFits() {
            jdbc().sql("delete from eta_fit where used_on < current_date - " + FIT_UNUSED_DAYS).update();
            jdbc().sql("select digest, value from eta_fit where used_on >= current_date - 1")
                    .query(rs -> {
                        recent.put(HEX.formatHex(rs.getBytes(1)), rs.getBytes(2));
                    });
        }

        @Override
        public byte[] find(byte[] digest) {
            String key = HEX.formatHex(digest);
            byte[] value = recent.get(key);
            if (value == null) {
                value = jdbc().sql("select value from eta_fit where digest = ?").param(digest).query(byte[].class)
                        .optional().orElse(null);
            }
            if (value != null) {
                used.add(key);
            }
            return value;
        }

        @Override
        public void save(byte[] digest, byte[] value) {
            jdbc().sql("insert into eta_fit (digest, value) values (?, ?) on conflict (digest) do nothing")
                    .params(digest, value).update();
        }

        /** Dates the fits found today, so that they are kept. */
        public void markUsed() {
            if (!used.isEmpty()) {
                jdbc().sql("""
                                update eta_fit set used_on = current_date
                                where used_on < current_date
                                  and digest in (select decode(d, 'hex') from unnest(string_to_array(?, ',')) d)""")
                        .param(String.join(",", used)).update();
            }
        }
    }

    /** The chunk's rejected rows, for rejects.csv: nothing is silently dropped. */
    public void saveRejects(List<? extends TimingRecord> records) {
        insertDetails("deployment_step_id, reason, started_at, finished_at, completed_items, total_items",
                records.stream()
                        .filter(TimingRecord.Rejected.class::isInstance)
                        .map(TimingRecord.Rejected.class::cast)
                        .map(reject -> new Object[] {reject.day(), reject.row().stepId(), reject.reason(),
                                Micros.toTimestamp(reject.row().startedAt()),
                                Micros.toTimestamp(reject.row().finishedAt()), reject.row().completedItems(),
                                reject.row().totalItems()})
                        .toList());
    }

    public List<Reject> rejects(LocalDate from, LocalDate to) {
        return details("deployment_step_id, day, reason, started_at, finished_at, completed_items, total_items",
                "day, deployment_step_id", from, to,
                (rs, i) -> new Reject(rs.getLong(1), rs.getObject(2, LocalDate.class), rs.getString(3),
                        Micros.of(rs.getTimestamp(4)), Micros.of(rs.getTimestamp(5)), rs.getBigDecimal(6),
                        rs.getBigDecimal(7)));
    }

    @Override
    protected TransferDay read(ResultSet rs) throws SQLException {
        Map<String, List<Object>> steps = JSON.readValue(rs.getString("steps"), STEPS);
        DoubleHistogram[] seconds = HistogramCodec.decode(rs.getBytes("step_seconds"));
        var stats = new TreeMap<String, StepStats>();
        List<Object> names = steps.get("names");
        for (int i = 0; i < names.size(); i++) {
            stats.put((String) names.get(i), new StepStats(number(steps, "steps", i), number(steps, "micros", i),
                    number(steps, "min_micros", i), number(steps, "max_micros", i), seconds[i]));
        }
        return new TransferDay(rs.getLong("transfers"), rs.getLong("items"), rs.getLong("micros"),
                rs.getDouble("min_speed"), rs.getDouble("max_speed"), HistogramCodec.decode(rs.getBytes("speeds"))[0],
                rs.getLong("untimed"), JSON.readValue(rs.getString("rejected"), COUNTS),
                JSON.readValue(rs.getString("statuses"), COUNTS), stats, TransferCells.decode(rs.getBytes("cells")),
                StepOutcomes.fromJson(JSON.readValue(rs.getString("outcomes"), OUTCOMES)),
                EtaPoints.decode(rs.getBytes("eta_points")),
                DeploymentRest.decode(rs.getBytes("deployments")));
    }

    private static long number(Map<String, List<Object>> steps, String key, int index) {
        return ((Number) steps.get(key).get(index)).longValue();
    }
}
