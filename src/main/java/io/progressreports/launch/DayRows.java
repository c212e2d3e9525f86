package io.progressreports.launch;

/**
 * A stored day's rows: all a run's figures, manifest and reject rate need of a day once its aggregate has gone into
 * the report.
 *
 * @param untimed       transfer jobs only (completed steps without a timing row); null for a funnel
 * @param otherStatuses transfer jobs only (transfer rows whose status is not a completed one); null for a funnel
 */
public record DayRows(long used, long rejected, Long untimed, Long otherStatuses) {

    public long read() {
        return used + rejected + (untimed == null ? 0 : untimed) + (otherStatuses == null ? 0 : otherStatuses);
    }

    /** Both days' rows; untimed and other statuses stay null for a funnel's. */
    public DayRows plus(DayRows other) {
        return new DayRows(used + other.used, rejected + other.rejected,
                untimed == null ? null : untimed + other.untimed,
                otherStatuses == null ? null : otherStatuses + other.otherStatuses);
    }
}
