package io.progressreports.funnel;

import io.progressreports.job.FunnelOrder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.TreeSet;

/**
 * What a funnel counts: the action columns read from the source (all of them, for completion by age),
 * the funnel steps after the implicit first step {@code created}, the window from creation, the order
 * rule and the completion ages.
 */
public record FunnelDefinition(List<String> actions, List<String> steps, Duration window, FunnelOrder order,
                               List<Duration> ages) {

    public static final String CREATED = FunnelJobFile.CREATED;

    public FunnelDefinition {
        actions = List.copyOf(actions);
        steps = List.copyOf(steps);
        ages = List.copyOf(ages);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("steps must name at least one action");
        }
        var seen = new HashSet<String>();
        for (String step : steps) {
            if (!seen.add(step)) {
                throw new IllegalArgumentException("step '" + step + "' appears twice in steps");
            }
            if (!actions.contains(step)) {
                throw new IllegalArgumentException("unknown action '" + step + "' in steps (known: "
                        + String.join(", ", actions) + ")");
            }
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive, not '" + window + "'");
        }
        for (Duration age : ages) {
            if (age.isNegative() || age.isZero()) {
                throw new IllegalArgumentException("ages must be positive, not '" + age + "'");
            }
        }
    }

    /** Step names in report order, starting with {@code created}. */
    public List<String> stepNames() {
        var names = new ArrayList<String>(steps.size() + 1);
        names.add(CREATED);
        names.addAll(steps);
        return names;
    }

    public int stepCount() {
        return steps.size() + 1;
    }

    /** The configured ages and the window, ascending, without repeats: the columns of completion_by_age. */
    public List<Duration> completionAges() {
        var all = new TreeSet<>(ages);
        all.add(window);
        return List.copyOf(all);
    }

    /** How long after a cohort ends until none of its numbers can change: the window or the oldest age. */
    public Duration horizon() {
        return completionAges().get(completionAges().size() - 1);
    }
}
