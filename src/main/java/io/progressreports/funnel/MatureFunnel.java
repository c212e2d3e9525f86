package io.progressreports.funnel;

import io.progressreports.funnel.FunnelReport.FunnelRow;
import io.progressreports.report.ReportPeriod;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The namespaces that reached each step, summed over the mature cohorts and, apart, over the immature ones: the
 * headline of the page and of funnel.png. A younger cohort is still inside its window, so its shares can only rise,
 * and mixing it in would understate every rate.
 *
 * @param steps     step names in step order, step 1 first
 * @param mature    per step, the namespaces of the mature cohorts that reached it
 * @param immature  per step, the namespaces of the immature cohorts that reached it so far
 */
record MatureFunnel(List<String> steps, List<Long> mature, List<Long> immature, List<ReportPeriod> matureCohorts,
                    List<ReportPeriod> immatureCohorts) {

    static MatureFunnel of(FunnelReport report) {
        return of(report.summary().stream().map(FunnelRow::step).toList(), report.funnel());
    }

    /** @param funnel one row per cohort and step, as in funnel.csv */
    static MatureFunnel of(List<String> steps, List<FunnelRow> funnel) {
        long[] mature = new long[steps.size()];
        long[] immature = new long[steps.size()];
        var matureCohorts = new ArrayList<ReportPeriod>();
        var immatureCohorts = new ArrayList<ReportPeriod>();
        for (FunnelRow row : funnel) {
            (row.mature() ? mature : immature)[row.stepNumber() - 1] += row.namespaces();
            if (row.stepNumber() == 1) {
                (row.mature() ? matureCohorts : immatureCohorts).add(row.cohort());
            }
        }
        return new MatureFunnel(steps, boxed(mature), boxed(immature), List.copyOf(matureCohorts),
                List.copyOf(immatureCohorts));
    }

    int cohorts() {
        return matureCohorts.size() + immatureCohorts.size();
    }

    /** The bars of funnel.png: the mature cohorts' shares, the immature cohorts' so far beside them. */
    List<FunnelBar> bars() {
        var bars = new ArrayList<FunnelBar>();
        for (int step = 0; step < steps.size(); step++) {
            bars.add(new FunnelBar(step + 1, steps.get(step), mature.get(step), share(mature, step, 0),
                    step == 0 ? Double.NaN : share(mature, step, step - 1), immature.get(step),
                    share(immature, step, 0)));
        }
        return bars;
    }

    /** Which cohorts the headline is made of, for a chart's subtitle. */
    String cohortsNote() {
        if (cohorts() == 0) {
            return "no cohorts in range";
        }
        if (matureCohorts.isEmpty()) {
            return "no mature cohort yet: all " + cohorts() + " cohorts are still inside their window";
        }
        String note = "mature cohorts only: " + span(matureCohorts) + " (" + matureCohorts.size() + " of "
                + cohorts() + " cohorts)";
        return immatureCohorts.isEmpty() ? note
                : note + "; " + span(immatureCohorts) + " still inside the window, beside them";
    }

    private static String span(List<ReportPeriod> cohorts) {
        ReportPeriod first = Collections.min(cohorts, (a, b) -> a.start().compareTo(b.start()));
        ReportPeriod last = Collections.max(cohorts, (a, b) -> a.start().compareTo(b.start()));
        return first.start() + " to " + last.end().minusDays(1);
    }

    private static double share(List<Long> reached, int step, int of) {
        return reached.get(of) == 0 ? Double.NaN : (double) reached.get(step) / reached.get(of);
    }

    private static List<Long> boxed(long[] values) {
        return Arrays.stream(values).boxed().toList();
    }
}
