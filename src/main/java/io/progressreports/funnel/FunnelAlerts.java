package io.progressreports.funnel;

import io.progressreports.alert.AlertRule;
import io.progressreports.compare.Point;

import java.util.List;

/**
 * The figures a funnel job's alert rules watch: {@code conversion to STEP}, the share of a cohort that reached the
 * step, over whole mature cohorts only (as comparison.csv): a cohort still inside its window has not converted
 * yet, and would raise an alarm every night.
 */
final class FunnelAlerts {

    private FunnelAlerts() {
    }

    static void checkRule(AlertRule rule) {
        if (!rule.figure().startsWith(FunnelComparisons.FIGURE)) {
            throw new IllegalArgumentException("alert rule '" + rule.text() + "': a funnel job has no figure '"
                    + rule.figure() + "' (figures: conversion to STEP, reject_rate)");
        }
        if (rule instanceof AlertRule.AgainstTrailingMedian) {
            throw new IllegalArgumentException("alert rule '" + rule.text() + "': a funnel's figures are by cohort, "
                    + "not by day; write e.g. '" + rule.figure() + " 5 points below the mean of the previous 4 "
                    + "cohorts'");
        }
    }

    /** The step a rule watches; the run checks it is one of its funnel's steps. */
    static String step(AlertRule rule) {
        return rule.figure().substring(FunnelComparisons.FIGURE.length());
    }

    /** The rule's series: the step's conversion by whole mature cohort, oldest first. */
    static List<Point> series(AlertRule rule, FunnelReport report) {
        return FunnelComparisons.matureShares(report).getOrDefault(step(rule), List.of()).stream()
                .map(share -> new Point(share.start(), share.end(), share.rate())).toList();
    }
}
