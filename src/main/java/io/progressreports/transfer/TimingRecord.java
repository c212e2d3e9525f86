package io.progressreports.transfer;

import java.time.LocalDate;
import java.util.List;

/** What the processor makes of a step row; every transfer row becomes exactly one of these, so none is lost. */
public sealed interface TimingRecord permits TimingRecord.Transfer, TimingRecord.Rejected, TimingRecord.Untimed,
        TimingRecord.StepDuration, TimingRecord.OtherStatus,
        TimingRecord.OtherStep, TimingRecord.Deployment, TimingRecord.LeftOutDeployment {

    LocalDate day();

    /**
     * A completed, valid file transfer: it has a speed, and a duration like any step.
     *
     * @param hour the hour of day (0-23) of its start in the report zone
     */
    record Transfer(LocalDate day, long items, long micros, int hour) implements TimingRecord {

        public double itemsPerSecond() {
            return items / (micros / 1e6);
        }
    }

    /** A completed transfer whose row breaks a rule; kept with its values for rejects.csv. */
    record Rejected(LocalDate day, String reason, StepTimingRow row) implements TimingRecord {

        /** Rows rejected only for their item counts still ran for a valid time: their duration counts. */
        public boolean hasDuration() {
            return TransferRules.hasDuration(row);
        }
    }

    /** A completed transfer without a timing row (older deployments). */
    record Untimed(LocalDate day, long stepId) implements TimingRecord {
    }

    /** A transfer whose status is not a completed one (failed, canceled, running, ...), as the source spells it. */
    record OtherStatus(LocalDate day, String status) implements TimingRecord {
    }

    /** A completed step of another kind, with a valid duration. */
    record StepDuration(LocalDate day, String step, long micros) implements TimingRecord {
    }

    /**
     * A step of another kind with no duration to count (not completed, or completed without a valid timing): it
     * counts only in step_outcomes.csv, under its outcome.
     */
    record OtherStep(LocalDate day, String step, TransferStatuses.Category outcome) implements TimingRecord {
    }

    /**
     * A deployment that ran to its end, on the day of its last step's finish: the steps it ran in their order, each
     * with its duration.
     */
    record Deployment(LocalDate day, List<String> steps, long[] micros) implements TimingRecord {
    }

    /** A deployment left out of the rest-of-deployment figures, for a reason of {@link DeploymentRest}. */
    record LeftOutDeployment(LocalDate day, String reason) implements TimingRecord {
    }
}
