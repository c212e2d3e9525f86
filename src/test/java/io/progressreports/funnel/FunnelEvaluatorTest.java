package io.progressreports.funnel;

import io.progressreports.job.FunnelOrder;
import io.progressreports.source.Micros;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FunnelEvaluatorTest {

    private static final List<String> ACTIONS = List.of("git_write", "merge_request_created", "pipeline_created");
    private static final Instant CREATED = Instant.parse("2026-10-01T10:00:00Z");
    private static final Instant AS_OF = Instant.parse("2026-11-15T00:00:00Z");

    private static FunnelDefinition definition(FunnelOrder order) {
        return new FunnelDefinition(ACTIONS, ACTIONS, Duration.ofDays(30), order, List.of(Duration.ofDays(1)));
    }

    private static NamespaceOutcome evaluate(FunnelOrder order, Instant... actions) {
        return evaluateIn(order, ZoneOffset.UTC, CREATED, actions);
    }

    private static NamespaceOutcome evaluateIn(FunnelOrder order, ZoneId zone, Instant created, Instant... actions) {
        long[] times = new long[ACTIONS.size()];
        for (int i = 0; i < times.length; i++) {
            times[i] = i < actions.length && actions[i] != null ? Micros.of(actions[i]) : OnboardingRow.NONE;
        }
        return (NamespaceOutcome) new FunnelEvaluator(definition(order), zone, AS_OF)
                .evaluate(new OnboardingRow(1, 7L, Micros.of(created), times, null));
    }

    private static Instant at(Duration afterCreation) {
        return CREATED.plus(afterCreation);
    }

    @Test
    void everyNamespaceReachesCreatedAtTimeZero() {
        NamespaceOutcome outcome = evaluate(FunnelOrder.SEQUENTIAL, new Instant[0]);
        assertThat(outcome.stepsReached()).isEqualTo(1);
        assertThat(outcome.microsToStep(0)).isZero();
        assertThat(outcome.cohortDay()).isEqualTo(LocalDate.of(2026, 10, 1));
    }

    @Test
    void equalTimestampsKeepTheSequence() {
        Instant t = at(Duration.ofHours(5));
        assertThat(evaluate(FunnelOrder.SEQUENTIAL, t, t, t).stepsReached()).isEqualTo(4);
    }

    @Test
    void outOfOrderActionsStopASequentialFunnelButNotAnAnyOrderOne() {
        Instant gitWrite = at(Duration.ofHours(5));
        Instant mergeRequestBefore = at(Duration.ofHours(4));
        Instant pipeline = at(Duration.ofHours(6));
        assertThat(evaluate(FunnelOrder.SEQUENTIAL, gitWrite, mergeRequestBefore, pipeline).stepsReached())
                .isEqualTo(2);
        assertThat(evaluate(FunnelOrder.ANY, gitWrite, mergeRequestBefore, pipeline).stepsReached()).isEqualTo(4);
    }

    @Test
    void aStepIsReachedOnlyIfTheStepBeforeItIs() {
        assertThat(evaluate(FunnelOrder.ANY, null, at(Duration.ofHours(1)), at(Duration.ofHours(2)))
                .stepsReached()).isEqualTo(1);
    }

    @Test
    void anActionExactlyAtTheWindowsEndCountsAndOneMicrosecondLaterDoesNot() {
        Instant end = at(Duration.ofDays(30));
        assertThat(evaluate(FunnelOrder.SEQUENTIAL, end).stepsReached()).isEqualTo(2);
        assertThat(evaluate(FunnelOrder.SEQUENTIAL, end.plusNanos(1000)).stepsReached()).isEqualTo(1);
    }

    @Test
    void anActionExactlyAtAsOfCountsAndALaterOneIsIgnoredAndFlagged() {
        Instant created = AS_OF.minus(Duration.ofDays(2));
        NamespaceOutcome atAsOf = evaluateIn(FunnelOrder.SEQUENTIAL, ZoneOffset.UTC, created, AS_OF);
        assertThat(atAsOf.stepsReached()).isEqualTo(2);
        assertThat(atAsOf.afterAsOf(0)).isFalse();

        NamespaceOutcome after = evaluateIn(FunnelOrder.SEQUENTIAL, ZoneOffset.UTC, created, AS_OF.plusNanos(1000));
        assertThat(after.stepsReached()).isEqualTo(1);
        assertThat(after.afterAsOf(0)).isTrue();
        assertThat(after.completionDelay()[0]).isEqualTo(OnboardingRow.NONE);
    }

    @Test
    void anActionBeforeCreationCountsAtCreationAndIsFlagged() {
        NamespaceOutcome outcome = evaluate(FunnelOrder.SEQUENTIAL, CREATED.minus(Duration.ofHours(3)),
                at(Duration.ofHours(1)));
        assertThat(outcome.stepsReached()).isEqualTo(3);
        assertThat(outcome.microsToStep(1)).isZero();
        assertThat(outcome.completionDelay()[0]).isZero();
        assertThat(outcome.beforeCreation(0)).isTrue();
        assertThat(outcome.beforeCreation(1)).isFalse();
    }

    @Test
    void sequentialOrderComparesWithThePreviousStepsEffectiveTime() {
        // Both before creation: both count at creation, so the second is not "before" the first.
        NamespaceOutcome outcome = evaluate(FunnelOrder.SEQUENTIAL, CREATED.minus(Duration.ofHours(1)),
                CREATED.minus(Duration.ofHours(2)));
        assertThat(outcome.stepsReached()).isEqualTo(3);
    }

    @Test
    void cohortDayIsTheCalendarDayInTheReportZone() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        assertThat(evaluateIn(FunnelOrder.SEQUENTIAL, berlin, Instant.parse("2026-03-28T23:30:00Z")).cohortDay())
                .isEqualTo(LocalDate.of(2026, 3, 29));
        assertThat(evaluateIn(FunnelOrder.SEQUENTIAL, berlin, Instant.parse("2026-03-29T22:30:00Z")).cohortDay())
                .isEqualTo(LocalDate.of(2026, 3, 30));
    }

    @Test
    void aRowWithoutNamespaceIsRejectedWithItsReason() {
        OnboardingRecord record = new FunnelEvaluator(definition(FunnelOrder.SEQUENTIAL), ZoneOffset.UTC, AS_OF)
                .evaluate(new OnboardingRow(9, null, Micros.of(CREATED), new long[] {OnboardingRow.NONE,
                        OnboardingRow.NONE, OnboardingRow.NONE}, null));
        assertThat(record).isEqualTo(new RejectedRow(9, LocalDate.of(2026, 10, 1), "missing_namespace_id"));
    }
}
