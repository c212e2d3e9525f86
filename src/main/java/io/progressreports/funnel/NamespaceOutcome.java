package io.progressreports.funnel;

import java.time.LocalDate;

/**
 * One namespace evaluated against a funnel.
 *
 * @param stepTimes       effective time (epoch micros) of each reached step, step 1 first; its length is the
 *                        number of steps reached
 * @param completionDelay per action, microseconds from creation to the (effective) action, or
 *                        {@link OnboardingRow#NONE} when not done by as-of
 * @param recorded        the row's action times as read: with the delays, they tell which actions were recorded
 *                        before creation or after as-of (for any number of actions, where bit masks stop at 64)
 * @param segment         the row's segment as read, null for NULL or without a breakdown
 */
public record NamespaceOutcome(long namespaceId, LocalDate cohortDay, long createdAt, long[] stepTimes,
                               long[] completionDelay, long[] recorded, String segment)
        implements OnboardingRecord {

    /** Action k was recorded before creation (and counts as done at creation). */
    public boolean beforeCreation(int action) {
        return completionDelay[action] != OnboardingRow.NONE && recorded[action] < createdAt;
    }

    /** Action k was recorded after as-of, and is ignored: the only way a recorded action has no delay. */
    public boolean afterAsOf(int action) {
        return recorded[action] != OnboardingRow.NONE && completionDelay[action] == OnboardingRow.NONE;
    }

    public int stepsReached() {
        return stepTimes.length;
    }

    public long microsToStep(int stepIndex) {
        return stepTimes[stepIndex] - createdAt;
    }
}
