package io.progressreports.transfer;

import io.progressreports.source.Micros;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * design.md's transfer-speed rules for one row. Pure: no I/O, safe to share between threads. A transfer is a
 * {@code transfer_files} step with a completed status ({@link TransferStatuses}); its first broken rule, in this
 * order, rejects it.
 */
public final class TransferRules {

    public static final String TRANSFER_STEP = "transfer_files";
    public static final String FINISHED_AT_MISSING = "finished_at_missing";
    public static final String STARTED_AT_MISSING = "started_at_missing";
    public static final String DURATION_NOT_POSITIVE = "duration_not_positive";
    public static final String COMPLETED_ITEMS_MISSING = "completed_items_missing";
    public static final String ITEMS_FRACTIONAL = "items_fractional";
    public static final String COMPLETED_ITEMS_NEGATIVE = "completed_items_negative";
    public static final String COMPLETED_ITEMS_OVER_TOTAL = "completed_items_over_total";
    public static final List<String> REASONS = List.of(FINISHED_AT_MISSING, STARTED_AT_MISSING,
            DURATION_NOT_POSITIVE, COMPLETED_ITEMS_MISSING, ITEMS_FRACTIONAL, COMPLETED_ITEMS_NEGATIVE,
            COMPLETED_ITEMS_OVER_TOTAL);

    private final ZoneId zone;
    private final TransferStatuses statuses;

    public TransferRules(ZoneId zone, TransferStatuses statuses) {
        this.zone = zone;
        this.statuses = statuses;
    }

    /**
     * @return the row's record. A transfer whose status is not a completed one is counted under its status, and
     *         a step of another kind without a duration under its outcome, on the day of its finish (of its update
     *         when it has none), so every row read is accounted for.
     */
    public TimingRecord classify(StepTimingRow row) {
        boolean completed = statuses.isCompleted(row.status());
        boolean transfer = TRANSFER_STEP.equals(row.step());
        if (!completed) {
            String status = TransferStatuses.key(row.status());
            return transfer ? new TimingRecord.OtherStatus(day(placedAt(row)), status)
                    : new TimingRecord.OtherStep(day(placedAt(row)), TransferStatuses.key(row.step()),
                    TransferStatuses.category(status));
        }
        if (!transfer) {
            return hasDuration(row) ? new TimingRecord.StepDuration(day(row.finishedAt()), row.step(),
                    row.finishedAt() - row.startedAt())
                    : new TimingRecord.OtherStep(day(placedAt(row)), TransferStatuses.key(row.step()),
                    TransferStatuses.Category.COMPLETED);
        }
        if (!row.timed()) {
            return new TimingRecord.Untimed(day(row.updatedAt()), row.stepId());
        }
        String reason = brokenRule(row);
        if (reason != null) {
            return new TimingRecord.Rejected(day(placedAt(row)), reason, row);
        }
        return new TimingRecord.Transfer(day(row.finishedAt()), row.completedItems().longValue(),
                row.finishedAt() - row.startedAt(), Micros.toInstant(row.startedAt()).atZone(zone).getHour());
    }

    /**
     * A deployment read by the deployments pass (all its timed steps finished, the last one on a day of the span):
     * counted when it ran to its end, on the day of its last finish. A deployment with a failed, canceled or
     * running step ended otherwise; one with a step that ran (timing row, or a completed status) without a valid
     * duration cannot be summed. Steps without a timing row whose status is none of those (skipped, queued, ...)
     * did not run, and are not part of it.
     */
    public TimingRecord classify(DeploymentRow row) {
        long last = Long.MIN_VALUE;
        for (int i = 0; i < row.steps().size(); i++) {
            if (row.timed()[i] && Micros.isFinite(row.finishedAt()[i])) {
                last = Math.max(last, row.finishedAt()[i]);
            }
        }
        LocalDate day = day(last);
        var steps = new ArrayList<String>();
        var micros = new ArrayList<Long>();
        String leftOut = null;
        for (int i = 0; i < row.steps().size(); i++) {
            String status = row.statuses().get(i);
            boolean completed = statuses.isCompleted(status);
            TransferStatuses.Category category = completed ? TransferStatuses.Category.COMPLETED
                    : TransferStatuses.category(TransferStatuses.key(status));
            if (category != TransferStatuses.Category.COMPLETED && category != TransferStatuses.Category.OTHER) {
                return new TimingRecord.LeftOutDeployment(day, DeploymentRest.ENDED_OTHERWISE);
            }
            if (!row.timed()[i] && !completed) {
                continue;
            }
            long started = row.startedAt()[i];
            long finished = row.finishedAt()[i];
            if (!row.timed()[i] || !Micros.isFinite(started) || !Micros.isFinite(finished) || finished <= started) {
                leftOut = DeploymentRest.UNTIMED_STEPS;
            } else {
                steps.add(TransferStatuses.key(row.steps().get(i)));
                micros.add(finished - started);
            }
        }
        return leftOut != null ? new TimingRecord.LeftOutDeployment(day, leftOut)
                : new TimingRecord.Deployment(day, List.copyOf(steps),
                micros.stream().mapToLong(Long::longValue).toArray());
    }

    /** A transfer's finish, or its update when it has no finite finish (no timing row, or none recorded). */
    private static long placedAt(StepTimingRow row) {
        return row.timed() && Micros.isFinite(row.finishedAt()) ? row.finishedAt() : row.updatedAt();
    }

    /** An infinite time ('infinity', '-infinity') is no time to measure a duration from: it counts as missing. */
    private static String brokenRule(StepTimingRow row) {
        if (!Micros.isFinite(row.finishedAt())) {
            return FINISHED_AT_MISSING;
        }
        if (!Micros.isFinite(row.startedAt())) {
            return STARTED_AT_MISSING;
        }
        if (row.finishedAt() <= row.startedAt()) {
            return DURATION_NOT_POSITIVE;
        }
        if (row.completedItems() == null) {
            return COMPLETED_ITEMS_MISSING;
        }
        if (row.completedItems() instanceof BigDecimal || row.totalItems() instanceof BigDecimal) {
            return ITEMS_FRACTIONAL;
        }
        if (row.completedItems().longValue() < 0) {
            return COMPLETED_ITEMS_NEGATIVE;
        }
        if (row.totalItems() != null && row.completedItems().longValue() > row.totalItems().longValue()) {
            return COMPLETED_ITEMS_OVER_TOTAL;
        }
        return null;
    }

    static boolean hasDuration(StepTimingRow row) {
        return row.timed() && Micros.isFinite(row.startedAt()) && Micros.isFinite(row.finishedAt())
                && row.finishedAt() > row.startedAt();
    }

    private LocalDate day(long micros) {
        return Micros.toInstant(micros).atZone(zone).toLocalDate();
    }
}
