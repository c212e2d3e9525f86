package io.progressreports.funnel;

import java.util.Arrays;

/**
 * The counts of a set of namespaces that {@link FunnelFigures} and {@link SegmentFigures} both keep: namespaces,
 * namespaces that reached each step, and completions of each action by each age. They differ only in how they keep
 * the hours to each step.
 */
final class FunnelCounts {

    private long namespaces;
    private final long[] reached;
    private final long[][] completed;

    FunnelCounts(long namespaces, long[] reached, long[][] completed) {
        this.namespaces = namespaces;
        this.reached = reached;
        this.completed = completed;
    }

    static FunnelCounts empty(FunnelDefinition definition) {
        return new FunnelCounts(0, new long[definition.stepCount()],
                new long[definition.actions().size()][definition.completionAges().size()]);
    }

    /** @param ageLimits completion ages in microseconds, in {@link FunnelDefinition#completionAges()} order */
    void add(NamespaceOutcome outcome, long[] ageLimits) {
        namespaces++;
        for (int step = 0; step < outcome.stepsReached(); step++) {
            reached[step]++;
        }
        for (int action = 0; action < completed.length; action++) {
            long delay = outcome.completionDelay()[action];
            if (delay == OnboardingRow.NONE) {
                continue;
            }
            for (int age = 0; age < ageLimits.length; age++) {
                if (delay <= ageLimits[age]) {
                    completed[action][age]++;
                }
            }
        }
    }

    void merge(FunnelCounts other) {
        namespaces += other.namespaces;
        for (int step = 0; step < reached.length; step++) {
            reached[step] += other.reached[step];
        }
        for (int action = 0; action < completed.length; action++) {
            for (int age = 0; age < completed[action].length; age++) {
                completed[action][age] += other.completed[action][age];
            }
        }
    }

    FunnelCounts copy() {
        return new FunnelCounts(namespaces, reached.clone(),
                Arrays.stream(completed).map(long[]::clone).toArray(long[][]::new));
    }

    long namespaces() {
        return namespaces;
    }

    long[] reached() {
        return reached;
    }

    long[][] completed() {
        return completed;
    }
}
