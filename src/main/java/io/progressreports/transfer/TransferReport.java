package io.progressreports.transfer;

import io.progressreports.day.StoredDays;
import io.progressreports.report.DateRange;
import io.progressreports.report.Grain;
import io.progressreports.report.ReportPeriod;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/** The transfer-speed report's tables, built from stored days: periods are merges of days, never reread rows. */
public record TransferReport(List<SpeedRow> speeds, List<DurationRow> durations, List<StatusRow> statuses,
                             List<CellRow> bySize, List<CellRow> byHour, List<CellRow> bySizeAndHour,
                             List<FitRow> fits, EtaModel etaModel, List<EtaBacktest.Row> backtest,
                             Map<String, Long> notCompleted,
                             long transferRows, long usedRows, long rejectedRows, long untimedRows,
                             List<OutcomeRow> outcomes, List<RestRow> rest, DeploymentRest deployments) {

    /**
     * A step kind over the report's range, from the deployments that ran it to their end: its own p50/p90 duration
     * and those of the summed durations of the steps after it. Percentiles are NaN without any.
     */
    public record RestRow(String step, long deployments, long steps, double p50Seconds, double p90Seconds,
                          double p50RestSeconds, double p90RestSeconds) {

        static RestRow of(String step, DeploymentRest.Kind kind) {
            double[] own = kind.own().percentiles(0.5, 0.9);
            double[] rest = kind.rest().percentiles(0.5, 0.9);
            return new RestRow(step, kind.deployments(), kind.steps(), own[0], own[1], rest[0], rest[1]);
        }
    }

    /**
     * One period's steps of one kind by outcome: completed, failed, canceled, running, other (status words as
     * {@link TransferStatuses} reads them).
     */
    public record OutcomeRow(ReportPeriod period, String step, OutcomeCounts counts) {
    }

    /** The key of a {@link #bySizeAndHour} row: its size bucket and hour. */
    public static int sizeAndHour(int bucket, int hour) {
        return bucket * TransferCells.HOURS + hour;
    }

    /**
     * One period's transfer rows by status: completed (used + rejected + untimed), failed, canceled, running, other.
     */
    public record StatusRow(ReportPeriod period, OutcomeCounts counts) {
    }

    /** One period's transfers. Percentiles are NaN when it has none. */
    public record SpeedRow(ReportPeriod period, long transfers, long items, long micros, double p50, double p90,
                           double p99, double max, long rejected, long untimed) {

        /** sum(items) / sum(seconds): the period's throughput, not an average of speeds. */
        public double itemsPerSecond() {
            return micros == 0 ? Double.NaN : items / (micros / 1e6);
        }
    }

    /**
     * One period's transfers of a size bucket or an hour of day ({@code key}). Percentiles are NaN when it has none.
     */
    public record CellRow(ReportPeriod period, int key, long transfers, long items, long micros, double p10Seconds,
                          double p50Seconds, double p90Seconds, long maxMicros, double p10Speed, double p50Speed,
                          double p90Speed, double maxSpeed) {

        static CellRow of(ReportPeriod period, int key, TransferCell cell) {
            double[] seconds = cell.seconds(0.1, 0.5, 0.9);
            double[] speeds = cell.speeds(0.1, 0.5, 0.9);
            boolean none = cell.transfers() == 0;
            return new CellRow(period, key, cell.transfers(), cell.items(), cell.micros(), seconds[0], seconds[1],
                    seconds[2], cell.maxMicros(), speeds[0], speeds[1], speeds[2],
                    none ? Double.NaN : cell.maxSpeed());
        }

        /** sum(items) / sum(seconds), as in transfer_speed.csv. */
        public double itemsPerSecond() {
            return micros == 0 ? Double.NaN : items / (micros / 1e6);
        }
    }

    /**
     * One period's transfers, all hours, as lines at p50 and p90 ({@link EtaFit}); a line is null with too few
     * transfers.
     */
    public record FitRow(ReportPeriod period, long transfers, EtaFit.Line p50, EtaFit.Line p90) {

        /** The period's lines, found in the cache by its days' digests, else fitted. */
        static FitRow of(ReportPeriod period, EtaPoints points, SortedMap<LocalDate, byte[]> digests,
                         EtaFitCache cache) {
            EtaFitCache.Fit fit = cache.fit(EtaFitCache.digest("period p50 p90", digests), () -> {
                EtaPoints.Point[] all = points.all();
                return new EtaFitCache.Fit(new EtaFit.Line[] {EtaFit.fit(all, 0.5), EtaFit.fit(all, 0.9)},
                        Double.NaN);
            });
            return new FitRow(period, points.transfers(), fit.lines()[0], fit.lines()[1]);
        }
    }

    public record DurationRow(ReportPeriod period, String step, long steps, long micros, double p50, double p90,
                              double p99, long maxMicros) {
    }

    /**
     * @param lastDay the last day with data (the as-of day, or the range's end)
     * @param fitCache where the fits of unchanged days are found, and those made are kept
     */
    public static TransferReport build(StoredDays<TransferDay> days, DateRange range, LocalDate lastDay,
                                       Grain grain, EtaFitCache fitCache) {
        var speeds = new ArrayList<SpeedRow>();
        var durations = new ArrayList<DurationRow>();
        var statuses = new ArrayList<StatusRow>();
        var notCompleted = new TreeMap<String, Long>();
        var sizes = new LinkedHashMap<ReportPeriod, Map<Integer, CellRow>>();
        var byHour = new ArrayList<CellRow>();
        var outcomes = new LinkedHashMap<ReportPeriod, Map<String, long[]>>();
        // The range's cells, still encoded until the report asks for them.
        var rangeCells = new TransferCells();
        var etaDays = new TreeMap<LocalDate, EtaPoints>();
        var digests = new TreeMap<LocalDate, byte[]>();
        var fits = new ArrayList<FitRow>();
        LocalDate end = range.from();
        var deployments = new DeploymentRest();
        // The whole range's counts only: merging its histograms too would cost as much as all the periods' merges.
        long transfers = 0;
        long rejected = 0;
        long untimed = 0;
        for (ReportPeriod period : range.periods(grain)) {
            if (period.start().isAfter(lastDay)) {
                break;
            }
            TransferDay merged = null;
            // A day at a time, for each day's own ETA points (the backtest predicts a day from the days before it).
            for (LocalDate day = period.start(); day.isBefore(period.end()); day = day.plusDays(1)) {
                TransferDay one = days.merged(new ReportPeriod(day, day.plusDays(1), false), TransferDay::new,
                        TransferDay::merge);
                etaDays.put(day, one.etaPoints().copy());
                digests.put(day, one.etaPoints().digest());
                if (merged == null) {
                    merged = one;
                } else {
                    merged.merge(one);
                }
            }
            end = period.end();
            rangeCells.merge(merged.cells());
            fits.add(FitRow.of(period, merged.etaPoints(), digests.subMap(period.start(), period.end()),
                    fitCache));
            transfers += merged.transfers();
            rejected += merged.rejectedRows();
            untimed += merged.untimed();
            statuses.add(new StatusRow(period, OutcomeCounts.of(
                    merged.transfers() + merged.rejectedRows() + merged.untimed(), merged.statuses())));
            merged.statuses().forEach((status, n) -> notCompleted.merge(status, n, Long::sum));
            double[] speed = merged.speedPercentiles();
            speeds.add(new SpeedRow(period, merged.transfers(), merged.items(), merged.micros(), speed[0], speed[1],
                    speed[2], merged.transfers() == 0 ? Double.NaN : merged.maxSpeed(), merged.rejectedRows(),
                    merged.untimed()));
            for (var step : new TreeSet<>(merged.steps().keySet())) {
                StepStats stats = merged.steps().get(step);
                double[] seconds = stats.percentiles();
                durations.add(new DurationRow(period, step, stats.steps(), stats.micros(), seconds[0], seconds[1],
                        seconds[2], stats.maxMicros()));
            }
            var size = new TreeMap<Integer, CellRow>();
            merged.cells().bySize().forEach((bucket, cell) -> size.put(bucket, CellRow.of(period, bucket, cell)));
            sizes.put(period, size);
            outcomes.put(period, merged.outcomes().counts());
            deployments.merge(merged.deployments());
            List<TransferCell> hours = merged.cells().byHour();
            for (int hour = 0; hour < hours.size(); hour++) {
                byHour.add(CellRow.of(period, hour, hours.get(hour)));
            }
        }
        return new TransferReport(speeds, durations, statuses, bySize(sizes), byHour,
                bySizeAndHour(new ReportPeriod(range.from(), end, false), rangeCells), fits,
                etaModel(etaDays, lastDay), EtaBacktest.of(etaDays.headMap(lastDay.plusDays(1)), digests, fitCache),
                notCompleted,
                transfers + rejected + untimed, transfers, rejected, untimed, outcomes(outcomes),
                deployments.kinds().entrySet().stream().map(kind -> RestRow.of(kind.getKey(), kind.getValue()))
                        .toList(), deployments);
    }

    /** Every period gets a row for each step kind read anywhere in the range, as {@link #bySize} does. */
    private static List<OutcomeRow> outcomes(Map<ReportPeriod, Map<String, long[]>> periods) {
        var steps = new TreeSet<String>();
        periods.values().forEach(period -> steps.addAll(period.keySet()));
        var rows = new ArrayList<OutcomeRow>();
        long[] none = new long[TransferStatuses.Category.values().length];
        periods.forEach((period, counts) -> steps.forEach(step ->
                rows.add(new OutcomeRow(period, step, OutcomeCounts.of(counts.getOrDefault(step, none))))));
        return rows;
    }

    /** Fitted to the range's last {@link EtaModel#WINDOW_DAYS} days up to its last day with data. */
    private static EtaModel etaModel(SortedMap<LocalDate, EtaPoints> days, LocalDate lastDay) {
        var window = new EtaPoints();
        SortedMap<LocalDate, EtaPoints> last = days.subMap(lastDay.minusDays(EtaModel.WINDOW_DAYS - 1),
                lastDay.plusDays(1));
        last.values().forEach(window::merge);
        LocalDate from = last.isEmpty() ? lastDay.minusDays(EtaModel.WINDOW_DAYS - 1) : last.firstKey();
        return EtaModel.fit(from, lastDay, window, true);
    }

    /** The whole range's transfers by size bucket and hour: every hour of each bucket that has transfers. */
    private static List<CellRow> bySizeAndHour(ReportPeriod range, TransferCells cells) {
        var rows = new ArrayList<CellRow>();
        SortedMap<Integer, TransferCell> both = cells.bySizeAndHour();
        for (int bucket : cells.bySize().keySet()) {
            for (int hour = 0; hour < TransferCells.HOURS; hour++) {
                int key = sizeAndHour(bucket, hour);
                rows.add(CellRow.of(range, key, both.getOrDefault(key, new TransferCell())));
            }
        }
        return rows;
    }

    /**
     * Every period gets a row for each size bucket that has transfers anywhere in the range, so that the periods of
     * a bucket line up in a pivot table or chart.
     */
    private static List<CellRow> bySize(Map<ReportPeriod, Map<Integer, CellRow>> periods) {
        var buckets = new TreeSet<Integer>();
        periods.values().forEach(period -> buckets.addAll(period.keySet()));
        var rows = new ArrayList<CellRow>();
        periods.forEach((period, cells) -> {
            for (int bucket : buckets) {
                CellRow row = cells.get(bucket);
                rows.add(row != null ? row : CellRow.of(period, bucket, new TransferCell()));
            }
        });
        return rows;
    }
}
