package io.progressreports.transfer;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The steps of each kind by outcome ({@link TransferStatuses.Category}: completed, failed, canceled, running,
 * other) over a day or period: exact counts, mergeable.
 */
public final class StepOutcomes {

    private static final int OUTCOMES = TransferStatuses.Category.values().length;

    /** Step kind -> counts indexed by the category's ordinal. */
    private final Map<String, long[]> counts = new TreeMap<>();

    public StepOutcomes() {
    }

    void add(String step, TransferStatuses.Category outcome) {
        counts.computeIfAbsent(step, s -> new long[OUTCOMES])[outcome.ordinal()]++;
    }

    void merge(StepOutcomes other) {
        other.counts.forEach((step, theirs) -> {
            long[] ours = counts.computeIfAbsent(step, s -> new long[OUTCOMES]);
            for (int i = 0; i < OUTCOMES; i++) {
                ours[i] += theirs[i];
            }
        });
    }

    /** Step kind -> counts in the categories' order; the arrays are the caller's to read, not to change. */
    public Map<String, long[]> counts() {
        return Collections.unmodifiableMap(counts);
    }

    /** As stored: step kind -> the counts in the categories' order. */
    Map<String, List<Long>> toJson() {
        var json = new LinkedHashMap<String, List<Long>>();
        counts.forEach((step, n) -> json.put(step, Arrays.stream(n).boxed().toList()));
        return json;
    }

    static StepOutcomes fromJson(Map<String, List<Long>> json) {
        var outcomes = new StepOutcomes();
        json.forEach((step, n) -> outcomes.counts.put(step, n.stream().mapToLong(Long::longValue).toArray()));
        return outcomes;
    }
}
