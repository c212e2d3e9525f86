package io.progressreports.transfer;

import io.progressreports.launch.DayRows;
import io.progressreports.report.Percentiles;
import org.HdrHistogram.DoubleHistogram;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything the report needs about one day (or, merged, one period): exact counts and sums, per-row speeds in
 * a histogram, and each step kind's durations. Mergeable, so weeks and months are built from days.
 */
public final class TransferDay {

    private final TransferSums sums;
    private final DoubleHistogram speeds;
    private long untimed;
    private final Map<String, Long> rejected;
    /** Transfer rows whose status is not a completed one, by the status as read. */
    private final Map<String, Long> statuses;
    private final Map<String, StepStats> steps;
    private final TransferCells cells;
    /** Every step read, of every kind, by outcome. */
    private final StepOutcomes outcomes;
    private final EtaPoints etaPoints;
    private final DeploymentRest deployments;

    public TransferDay() {
        this(0, 0, 0, Double.POSITIVE_INFINITY, 0, Percentiles.newHistogram(), 0, Map.of(), Map.of(), Map.of(),
                new TransferCells(), new StepOutcomes(), new EtaPoints(),
                new DeploymentRest());
    }

    /** @param minSpeed infinite while there are no transfers, so that any transfer's speed is below it */
    public TransferDay(long transfers, long items, long micros, double minSpeed, double maxSpeed,
                       DoubleHistogram speeds, long untimed, Map<String, Long> rejected, Map<String, Long> statuses,
                       Map<String, StepStats> steps, TransferCells cells, StepOutcomes outcomes,
                       EtaPoints etaPoints, DeploymentRest deployments) {
        this.sums = new TransferSums(transfers, items, micros, minSpeed, maxSpeed);
        this.speeds = speeds;
        this.untimed = untimed;
        this.rejected = new TreeMap<>(rejected);
        this.statuses = new TreeMap<>(statuses);
        this.steps = new TreeMap<>(steps);
        this.cells = cells;
        this.outcomes = outcomes;
        this.etaPoints = etaPoints;
        this.deployments = deployments;
    }

    public void add(TimingRecord record) {
        // A deployment is no step row: it counts in the rest-of-deployment figures only.
        if (record instanceof TimingRecord.Deployment deployment) {
            deployments.add(deployment);
            return;
        }
        if (record instanceof TimingRecord.LeftOutDeployment leftOut) {
            deployments.leaveOut(leftOut.reason());
            return;
        }
        countOutcome(record);
        if (record instanceof TimingRecord.Transfer transfer) {
            sums.add(transfer);
            Percentiles.record(speeds, transfer.itemsPerSecond(), 1);
            steps.computeIfAbsent(TransferRules.TRANSFER_STEP, s -> new StepStats()).add(transfer.micros());
            cells.add(transfer);
            etaPoints.add(transfer);
        } else if (record instanceof TimingRecord.Rejected reject) {
            rejected.merge(reject.reason(), 1L, Long::sum);
            if (reject.hasDuration()) {
                steps.computeIfAbsent(TransferRules.TRANSFER_STEP, s -> new StepStats())
                        .add(reject.row().finishedAt() - reject.row().startedAt());
            }
        } else if (record instanceof TimingRecord.Untimed) {
            untimed++;
        } else if (record instanceof TimingRecord.OtherStatus other) {
            statuses.merge(other.status(), 1L, Long::sum);
        } else if (record instanceof TimingRecord.StepDuration duration) {
            steps.computeIfAbsent(duration.step(), s -> new StepStats()).add(duration.micros());
        }
    }

    private void countOutcome(TimingRecord record) {
        if (record instanceof TimingRecord.OtherStatus other) {
            outcomes.add(TransferRules.TRANSFER_STEP, TransferStatuses.category(other.status()));
        } else if (record instanceof TimingRecord.StepDuration duration) {
            outcomes.add(TransferStatuses.key(duration.step()), TransferStatuses.Category.COMPLETED);
        } else if (record instanceof TimingRecord.OtherStep step) {
            outcomes.add(step.step(), step.outcome());
        } else {
            // A transfer, rejected or not, timed or not: its status is a completed one.
            outcomes.add(TransferRules.TRANSFER_STEP, TransferStatuses.Category.COMPLETED);
        }
    }

    public void merge(TransferDay other) {
        sums.merge(other.sums);
        Percentiles.add(speeds, other.speeds);
        untimed += other.untimed;
        other.rejected.forEach((reason, count) -> rejected.merge(reason, count, Long::sum));
        other.statuses.forEach((status, count) -> statuses.merge(status, count, Long::sum));
        other.steps.forEach((step, stats) -> steps.computeIfAbsent(step, s -> new StepStats()).merge(stats));
        cells.merge(other.cells);
        outcomes.merge(other.outcomes);
        etaPoints.merge(other.etaPoints);
        deployments.merge(other.deployments);
    }

    public long transfers() {
        return sums.transfers();
    }

    public long items() {
        return sums.items();
    }

    public long micros() {
        return sums.micros();
    }

    public double minSpeed() {
        return sums.minSpeed();
    }

    /** p50, p90 and p99 of the per-row speeds, within [min, max]; NaN without transfers. */
    public double[] speedPercentiles() {
        return Percentiles.nearestRanksWithin(speeds, sums.minSpeed(), sums.maxSpeed(), 0.5, 0.9, 0.99);
    }

    public double maxSpeed() {
        return sums.maxSpeed();
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

    public Map<String, Long> statuses() {
        return statuses;
    }

    public long otherStatusRows() {
        return statuses.values().stream().mapToLong(Long::longValue).sum();
    }

    public long rejectedRows() {
        return rejected.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Besides the used and rejected: completed steps without a timing row, and rows of other statuses. */
    public DayRows rows() {
        var others = new LinkedHashMap<String, Long>();
        others.put("untimed", untimed);
        others.put("other_statuses", otherStatusRows());
        return new DayRows(sums.transfers(), rejectedRows(), others);
    }

    public Map<String, StepStats> steps() {
        return steps;
    }

    /** The transfers by size bucket and hour of day. */
    public TransferCells cells() {
        return cells;
    }

    /** Every step read, of every kind, by outcome. */
    public StepOutcomes outcomes() {
        return outcomes;
    }

    /** The transfers by hour of start, items and duration: the ETA fits' inputs. */
    public EtaPoints etaPoints() {
        return etaPoints;
    }

    /** The rest of a deployment after each step kind, over the deployments that ended on the day. */
    public DeploymentRest deployments() {
        return deployments;
    }
}
