package io.progressreports.funnel;

import io.progressreports.report.Percentiles;
import org.HdrHistogram.DoubleHistogram;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TimeToStepTest {

    @Test
    void eachCurveIsTheShareOfTheStepsNamespacesThatReachedItWithinEachTime() {
        DoubleHistogram created = Percentiles.newHistogram();
        created.recordValueWithCount(0, 10);
        DoubleHistogram gitWrite = Percentiles.newHistogram();
        // Hours: three at signup (an action before creation counts as done then), then 30 min, 2 h, 30 h, 700 h.
        for (double hours : new double[] {0, 0, 0, 0.5, 2, 30, 700}) {
            gitWrite.recordValue(hours);
        }
        DoubleHistogram trial = Percentiles.newHistogram();

        List<TimeToStep.Point> points = TimeToStep.curves(List.of("created", "git_write", "trial_started"),
                List.of(created, gitWrite, trial), Duration.ofDays(30));

        assertThat(points).extracting(TimeToStep.Point::step).as("step 1 and a step nobody reached have no curve")
                .containsOnly("git_write");
        assertThat(points).allSatisfy(point -> assertThat(point.reached()).isEqualTo(7));
        assertThat(points.get(0).seconds()).isEqualTo(60);
        assertThat(points.get(0).share()).isEqualTo(3 / 7.0);
        assertThat(shareAt(points, 3_600)).as("within an hour").isEqualTo(4 / 7.0);
        assertThat(shareAt(points, 3 * 3_600)).isEqualTo(5 / 7.0);
        assertThat(shareAt(points, 2 * 86_400)).isEqualTo(6 / 7.0);
        TimeToStep.Point last = points.get(points.size() - 1);
        assertThat(last.seconds()).isEqualTo(30 * 86_400);
        assertThat(last.share()).isEqualTo(1.0);
        assertThat(points).extracting(TimeToStep.Point::share).isSorted();
    }

    @Test
    void theGridHasTenPointsADecadeFromAMinuteToTheWindow() {
        List<Double> grid = TimeToStep.grid(86_400);

        assertThat(grid.get(0)).isEqualTo(60);
        assertThat(grid.get(10)).isCloseTo(600, within(1e-6));
        assertThat(grid.get(grid.size() - 1)).isEqualTo(86_400);
        assertThat(grid).isSorted().doesNotHaveDuplicates().hasSize(33);
    }

    /** The share at the first grid point at or after the time. */
    private static double shareAt(List<TimeToStep.Point> points, double seconds) {
        return points.stream().filter(point -> point.seconds() >= seconds).findFirst().orElseThrow().share();
    }
}
