package io.progressreports.launch;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A stored day's rows: all a run's figures, manifest and reject rate need of a day once its aggregate has gone into
 * the report.
 *
 * @param others the rows read that are neither used nor rejected, by their name in the manifest, in the kind's
 *               order: a transfer job's untimed and other_statuses; none for a funnel
 */
public record DayRows(long used, long rejected, Map<String, Long> others) {

    public DayRows {
        others = Collections.unmodifiableMap(new LinkedHashMap<>(others));
    }

    public long read() {
        return used + rejected + others.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Both days' rows. */
    public DayRows plus(DayRows other) {
        var sum = new LinkedHashMap<>(others);
        other.others.forEach((name, rows) -> sum.merge(name, rows, Long::sum));
        return new DayRows(used + other.used, rejected + other.rejected, sum);
    }
}
