package io.progressreports.transfer;

import io.progressreports.job.DayRows;
import io.progressreports.report.Percentiles;
import org.HdrHistogram.DoubleHistogram;

import java.util.Map;
import java.util.TreeMap;

/**
 * Everything the report needs about one day (or, merged, one period): exact counts and sums, per-row speeds in
 * a histogram, and each step kind's durations. Mergeable, so weeks and months are built from days.
 */
public final class TransferDay {

    private long transfers;
    // Exact sums (design.md): long, never double, which rounds past 2^53; past 2^63 addExact fails rather than wraps.
    private long items;
    private long micros;
    private double maxSpeed;
    private final DoubleHistogram speeds;
    private long untimed;
    private final Map<String, Long> rejected;
    private final Map<String, StepStats> steps;

    public TransferDay() {
        this(0, 0, 0, 0, Percentiles.newHistogram(), 0, Map.of(), Map.of());
    }

    public TransferDay(long transfers, long items, long micros, double maxSpeed, DoubleHistogram speeds,
                       long untimed, Map<String, Long> rejected, Map<String, StepStats> steps) {
        this.transfers = transfers;
        this.items = items;
        this.micros = micros;
        this.maxSpeed = maxSpeed;
        this.speeds = speeds;
        this.untimed = untimed;
        this.rejected = new TreeMap<>(rejected);
        this.steps = new TreeMap<>(steps);
    }

    public void add(TimingRecord record) {
        if (record instanceof TimingRecord.Transfer transfer) {
            transfers++;
            items = Math.addExact(items, transfer.items());
            micros = Math.addExact(micros, transfer.micros());
            maxSpeed = Math.max(maxSpeed, transfer.itemsPerSecond());
            Percentiles.record(speeds, transfer.itemsPerSecond(), 1);
            steps.computeIfAbsent(TransferRules.TRANSFER_STEP, s -> new StepStats()).add(transfer.micros());
        } else if (record instanceof TimingRecord.Rejected reject) {
            rejected.merge(reject.reason(), 1L, Long::sum);
            if (reject.hasDuration()) {
                steps.computeIfAbsent(TransferRules.TRANSFER_STEP, s -> new StepStats())
                        .add(reject.row().finishedAt() - reject.row().startedAt());
            }
        } else if (record instanceof TimingRecord.Untimed) {
            untimed++;
        } else if (record instanceof TimingRecord.StepDuration duration) {
            steps.computeIfAbsent(duration.step(), s -> new StepStats()).add(duration.micros());
        }
    }

    public void merge(TransferDay other) {
        transfers += other.transfers;
        items = Math.addExact(items, other.items);
        micros = Math.addExact(micros, other.micros);
        maxSpeed = Math.max(maxSpeed, other.maxSpeed);
        Percentiles.add(speeds, other.speeds);
        untimed += other.untimed;
        other.rejected.forEach((reason, count) -> rejected.merge(reason, count, Long::sum));
        other.steps.forEach((step, stats) -> steps.computeIfAbsent(step, s -> new StepStats()).merge(stats));
    }

    public long transfers() {
        return transfers;
    }

    public long items() {
        return items;
    }

    public long micros() {
        return micros;
    }

    public double maxSpeed() {
        return maxSpeed;
    }

    public DoubleHistogram speeds() {
        return speeds;
    }

    public long untimed() {
        return untimed;
    }

    public Map<String, Long> rejected() {
        return rejected;
    }

    public long rejectedRows() {
        return rejected.values().stream().mapToLong(Long::longValue).sum();
    }

    public DayRows rows() {
        return new DayRows(transfers, rejectedRows(), untimed);
    }

    public Map<String, StepStats> steps() {
        return steps;
    }
}
