package io.progressreports.funnel;

import io.progressreports.compare.Comparison;
import io.progressreports.compare.Comparisons;
import io.progressreports.compare.Share;
import io.progressreports.funnel.FunnelReport.FunnelRow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Each step's conversion from signup, latest cohort against earlier ones. Only whole, mature cohorts count: a
 * cohort still inside its window has not converted yet, and one cut by the range is smaller than its neighbours.
 */
final class FunnelComparisons {

    static final String FIGURE = "conversion to ";

    private FunnelComparisons() {
    }

    static List<Comparison> of(FunnelReport report) {
        var comparisons = new ArrayList<Comparison>();
        matureShares(report).forEach((step, shares) -> comparisons.addAll(Comparisons.ofShares(FIGURE + step,
                shares)));
        return comparisons;
    }

    /** Each step's conversion from signup by whole, mature cohort, oldest first: what comparisons and alerts see. */
    static Map<String, List<Share>> matureShares(FunnelReport report) {
        Map<String, List<Share>> byStep = new LinkedHashMap<>();
        long cohortSize = 0;
        for (FunnelRow row : report.funnel()) {
            if (row.stepNumber() == 1) {
                cohortSize = row.namespaces();
            }
            if (row.stepNumber() > 1 && row.mature() && !row.cohort().partial()) {
                byStep.computeIfAbsent(row.step(), step -> new ArrayList<>()).add(
                        new Share(row.cohort().start(), row.cohort().end(), row.namespaces(), cohortSize));
            }
        }
        return byStep;
    }
}
