package io.progressreports.funnel;

import java.time.LocalDate;

/**
 * One namespace evaluated against a funnel.
 *
 * @param stepTimes       effective time (epoch micros) of each reached step, step 1 first; its length is the
 *                        number of steps reached
 * @param completionDelay per action, microseconds from creation to the (effective) action, or
 *                        {@link OnboardingRow#NONE} when not done by as-of
 * @param beforeCreation  bit k set when action k was recorded before creation (counted at creation)
 * @param afterAsOf       bit k set when action k lies after as-of (ignored)
 * @param recorded        the row's action times as read, for the times of those after as-of
 */
public record NamespaceOutcome(long namespaceId, LocalDate cohortDay, long createdAt, long[] stepTimes,
                               long[] completionDelay, long beforeCreation, long afterAsOf,
                               long[] recorded)
        implements ProgressRecord {

    public int stepsReached() {
        return stepTimes.length;
    }

    public long microsToStep(int stepIndex) {
        return stepTimes[stepIndex] - createdAt;
    }
}
