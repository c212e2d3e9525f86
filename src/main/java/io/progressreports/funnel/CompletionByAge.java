package io.progressreports.funnel;

import io.progressreports.funnel.FunnelReport.CompletionRow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * completion_by_age.png's curves, from completion_by_age.csv's rows: per action and age, the share of the
 * namespaces that had done the action within that age, over the cohorts old enough to tell (mature at that age).
 * A young cohort's later ages would count its namespaces without their completions.
 */
final class CompletionByAge {

    /**
     * @param namespaces the namespaces of the cohorts mature at this age: the share's denominator
     * @param rate       completed / namespaces; NaN when no cohort is mature at this age
     */
    record Point(String action, Duration age, long namespaces, long completed, double rate) {
    }

    private CompletionByAge() {
    }

    /** In the rows' order of actions and ages. */
    static List<Point> curves(List<CompletionRow> rows) {
        Map<String, Map<Duration, long[]>> sums = new LinkedHashMap<>();
        for (CompletionRow row : rows) {
            long[] sum = sums.computeIfAbsent(row.action(), action -> new LinkedHashMap<>())
                    .computeIfAbsent(row.age(), age -> new long[2]);
            if (row.mature()) {
                sum[0] += row.namespaces();
                sum[1] += row.completed();
            }
        }
        List<Point> points = new ArrayList<>();
        sums.forEach((action, ages) -> ages.forEach((age, sum) -> points.add(new Point(action, age, sum[0], sum[1],
                sum[0] == 0 ? Double.NaN : (double) sum[1] / sum[0]))));
        return points;
    }
}
