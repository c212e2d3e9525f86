package io.progressreports.funnel;

import io.progressreports.funnel.FunnelReport.CompletionRow;
import io.progressreports.report.ReportPeriod;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CompletionByAgeTest {

    private static final ReportPeriod OLD = new ReportPeriod(LocalDate.of(2026, 9, 1), LocalDate.of(2026, 10, 1),
            false);
    private static final ReportPeriod YOUNG = new ReportPeriod(LocalDate.of(2026, 10, 1),
            LocalDate.of(2026, 10, 20), true);
    private static final Duration DAY = Duration.ofDays(1);
    private static final Duration MONTH = Duration.ofDays(30);

    @Test
    void eachAgeCountsOnlyTheCohortsMatureAtThatAge() {
        List<CompletionByAge.Point> curves = CompletionByAge.curves(List.of(
                new CompletionRow(OLD, "git_write", DAY, 100, 40, 0.4, true),
                new CompletionRow(OLD, "git_write", MONTH, 100, 70, 0.7, true),
                new CompletionRow(YOUNG, "git_write", DAY, 50, 30, 0.6, true),
                new CompletionRow(YOUNG, "git_write", MONTH, 50, 31, 0.62, false),
                new CompletionRow(OLD, "trial_started", DAY, 100, 0, 0.0, true),
                new CompletionRow(OLD, "trial_started", MONTH, 100, 2, 0.02, true),
                new CompletionRow(YOUNG, "trial_started", DAY, 50, 0, 0.0, true),
                new CompletionRow(YOUNG, "trial_started", MONTH, 50, 0, 0.0, false)));

        assertThat(curves).containsExactly(
                new CompletionByAge.Point("git_write", DAY, 150, 70, 70 / 150.0),
                new CompletionByAge.Point("git_write", MONTH, 100, 70, 0.7),
                new CompletionByAge.Point("trial_started", DAY, 150, 0, 0.0),
                new CompletionByAge.Point("trial_started", MONTH, 100, 2, 0.02));
    }

    @Test
    void anAgeNoCohortIsMatureAtHasNoShare() {
        List<CompletionByAge.Point> curves = CompletionByAge.curves(List.of(
                new CompletionRow(YOUNG, "git_write", MONTH, 50, 31, 0.62, false)));

        assertThat(curves).singleElement().satisfies(point -> {
            assertThat(point.namespaces()).isZero();
            assertThat(point.rate()).isNaN();
        });
    }
}
