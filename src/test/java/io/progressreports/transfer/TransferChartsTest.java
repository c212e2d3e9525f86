package io.progressreports.transfer;

import io.progressreports.report.ChartFiles;
import io.progressreports.report.DurationAxis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import java.util.function.UnaryOperator;

import static io.progressreports.report.ChartImages.markers;
import static io.progressreports.report.ChartImages.read;
import static org.assertj.core.api.Assertions.assertThat;

class TransferChartsTest {

    private static final String SUBTITLE = "2026-01-01 to 2026-03-31 · day periods · zone UTC"
            + " · as of 2026-04-01T00:00:00Z";
    private static final UnaryOperator<LocalDate> DAY = day -> day.plusDays(1);
    private static final UnaryOperator<LocalDate> WEEK = day -> day.plusWeeks(1);
    private static final UnaryOperator<LocalDate> MONTH = day -> day.plusMonths(1);
    private static final List<String> STEPS = List.of("preparing", "building", "transfer_files", "finishing",
            "=HYPERLINK(\"x\")", "-rf");

    @TempDir
    Path dir;

    @Test
    void speedRendersDaysWeeksMonthsASinglePeriodAndNothing() throws IOException {
        List<List<SpeedPoint>> cases = List.of(
                speeds(LocalDate.of(2026, 1, 1), 90, DAY, 0),
                speeds(LocalDate.of(2025, 12, 29), 14, WEEK, 0),
                speeds(LocalDate.of(2025, 10, 1), 6, MONTH, 0),
                speeds(LocalDate.of(2026, 3, 2), 1, WEEK, 0),
                List.of(new SpeedPoint(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 2), false, 0, 0, Double.NaN,
                        Double.NaN)),
                List.of());
        for (int i = 0; i < cases.size(); i++) {
            read(speed(cases.get(i), "case" + i + ".png"), TransferCharts.SPEED_WIDTH, TransferCharts.SPEED_HEIGHT);
        }
    }

    @Test
    void durationRendersDaysWeeksMonthsASinglePeriodAndNothing() throws IOException {
        List<List<DurationPoint>> cases = List.of(
                durations(LocalDate.of(2026, 1, 1), 90, DAY, 0),
                durations(LocalDate.of(2025, 12, 29), 14, WEEK, 0),
                durations(LocalDate.of(2025, 10, 1), 6, MONTH, 0),
                durations(LocalDate.of(2026, 3, 2), 1, WEEK, 0),
                List.of(new DurationPoint(LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 3), false, "building", 1, 0.0004,
                        0.0004)),
                List.of());
        for (int i = 0; i < cases.size(); i++) {
            read(duration(cases.get(i), "case" + i + ".png"), TransferCharts.DURATION_WIDTH,
                    TransferCharts.DURATION_HEIGHT);
        }
    }

    @Test
    void aValueWithNoNeighbourGetsADotAndAContinuousLineNone() throws IOException {
        List<SpeedPoint> isolated = speeds(LocalDate.of(2026, 1, 1), 30, DAY, 0);
        noSpeed(isolated, 14);
        noSpeed(isolated, 16);
        List<SpeedPoint> gap = speeds(LocalDate.of(2026, 1, 1), 30, DAY, 0);
        noSpeed(gap, 15);
        List<DurationPoint> missingDays = new ArrayList<>(durations(LocalDate.of(2026, 1, 1), 30, DAY, 0));
        missingDays.removeIf(point -> point.step().equals("building")
                && (point.periodStart().getDayOfMonth() == 15 || point.periodStart().getDayOfMonth() == 17));
        Color median = ChartFiles.seriesColor(0);
        Color building = ChartFiles.stepColor("building");

        // Point markers are the only places a 3x3 block of one line colour forms: line edges are blended.
        assertThat(markers(read(speed(isolated, "isolated.png"), TransferCharts.SPEED_WIDTH,
                TransferCharts.SPEED_HEIGHT), median)).isNotEmpty();
        assertThat(markers(read(speed(gap, "gap.png"), TransferCharts.SPEED_WIDTH, TransferCharts.SPEED_HEIGHT),
                median)).isEmpty();
        assertThat(markers(read(speed(speeds(LocalDate.of(2026, 3, 2), 1, WEEK, 0), "single.png"),
                TransferCharts.SPEED_WIDTH, TransferCharts.SPEED_HEIGHT), median)).isNotEmpty();
        assertThat(markers(read(duration(missingDays, "missing.png"), TransferCharts.DURATION_WIDTH,
                TransferCharts.DURATION_HEIGHT), building)).isNotEmpty();
        assertThat(markers(read(duration(durations(LocalDate.of(2026, 1, 1), 30, DAY, 0), "full.png"),
                TransferCharts.DURATION_WIDTH, TransferCharts.DURATION_HEIGHT), building)).isEmpty();
    }

    @Test
    void aStepKeepsItsColourOnAnotherDatabaseWithOtherSteps() throws IOException {
        LocalDate day = LocalDate.of(2026, 3, 2);
        Color gamma = ChartFiles.stepColor("gamma");
        assertThat(List.of("alpha", "beta", "delta")).as("other steps of these charts have other colours")
                .allSatisfy(step -> assertThat(ChartFiles.stepColor(step)).isNotEqualTo(gamma));
        assertThat(ChartFiles.stepColor("building")).as("a demo step's colour is fixed")
                .isEqualTo(ChartFiles.seriesColor(1));

        // One period each: a lone value is drawn as a dot, a 3x3 block of exactly its step's colour.
        BufferedImage first = read(duration(List.of(point(day, "alpha", 3), point(day, "beta", 300),
                point(day, "gamma", 30)), "first.png"), TransferCharts.DURATION_WIDTH, TransferCharts.DURATION_HEIGHT);
        BufferedImage second = read(duration(List.of(point(day, "gamma", 30), point(day, "delta", 3)),
                "second.png"), TransferCharts.DURATION_WIDTH, TransferCharts.DURATION_HEIGHT);

        assertThat(markers(first, gamma)).isNotEmpty();
        assertThat(markers(second, gamma)).isNotEmpty();
    }

    @Test
    void aStepsP90IsDrawnInTheStepsOwnColourNotAPaleOne() throws IOException {
        LocalDate day = LocalDate.of(2026, 3, 2);
        Color building = ChartFiles.stepColor("building");

        // A lone period: the median and the p90 are each a dot in their series' paint.
        BufferedImage image = read(duration(List.of(point(day, "building", 30)), "p90.png"),
                TransferCharts.DURATION_WIDTH, TransferCharts.DURATION_HEIGHT);

        assertThat(markers(image, building)).isNotEmpty();
        assertThat(markers(image, ChartFiles.lighter(building))).isEmpty();
    }

    private static DurationPoint point(LocalDate day, String step, double seconds) {
        return new DurationPoint(day, day.plusDays(1), false, step, 10, seconds, seconds * 2);
    }

    @Test
    void periodsARangeClippedShortAreSetApartInTheVolumePanel() throws IOException {
        List<SpeedPoint> clipped = new ArrayList<>(speeds(LocalDate.of(2026, 1, 5), 8, WEEK, 0));
        SpeedPoint last = clipped.get(clipped.size() - 1);
        clipped.set(clipped.size() - 1, new SpeedPoint(last.periodStart(), last.periodStart().plusDays(3), true,
                last.transfers() / 2, last.items() / 2, last.p50ItemsPerSecond(), last.p90ItemsPerSecond()));
        Color partial = ChartFiles.lighter(ChartFiles.VOLUME);

        assertThat(markers(read(speed(clipped, "clipped.png"), TransferCharts.SPEED_WIDTH,
                TransferCharts.SPEED_HEIGHT), partial)).isNotEmpty();
        assertThat(markers(read(speed(speeds(LocalDate.of(2026, 1, 5), 8, WEEK, 0), "whole.png"),
                TransferCharts.SPEED_WIDTH, TransferCharts.SPEED_HEIGHT), partial)).isEmpty();
    }

    @Test
    void rejectsAndUntimedHaveAPanelEachPartialPeriodsLighterAndTheSameBytesUnderAnotherLocale() throws IOException {
        List<RejectPoint> points = new ArrayList<>();
        LocalDate start = LocalDate.of(2026, 1, 1);
        for (int i = 0; i < 8; i++) {
            LocalDate end = i == 7 ? start.plusDays(2) : start.plusWeeks(1);
            points.add(new RejectPoint(start, end, i == 7, i % 3, 400 + 10L * i));
            start = end;
        }
        Path png = rejects(points, "rejects.png");
        BufferedImage image = read(png, TransferCharts.REJECTS_WIDTH, TransferCharts.REJECTS_HEIGHT);
        assertThat(markers(image, TransferCharts.REJECTED)).isNotEmpty();
        assertThat(markers(image, ChartFiles.VOLUME)).isNotEmpty();
        assertThat(markers(image, ChartFiles.lighter(ChartFiles.VOLUME))).as("the partial last week").isNotEmpty();
        Locale locale = Locale.getDefault();
        TimeZone zone = TimeZone.getDefault();
        Locale.setDefault(Locale.GERMANY);
        TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
        try {
            assertThat(Files.mismatch(png, rejects(points, "rejects-2.png"))).isEqualTo(-1);
            assertThat(Files.mismatch(svgOf(png), svgOf(dir.resolve("rejects-2.png")))).isEqualTo(-1);
        } finally {
            Locale.setDefault(locale);
            TimeZone.setDefault(zone);
        }
        read(rejects(List.of(new RejectPoint(start, start.plusDays(1), false, 0, 0)), "none.png"),
                TransferCharts.REJECTS_WIDTH, TransferCharts.REJECTS_HEIGHT);
    }

    private Path rejects(List<RejectPoint> points, String name) {
        Path png = dir.resolve(name);
        TransferCharts.writeRejectsAndUntimed(points, "Completed transfers left out of the speeds", SUBTITLE, png);
        return png;
    }

    private static Path svgOf(Path png) {
        return png.resolveSibling(ChartFiles.svgOf(png.getFileName().toString()));
    }

    @Test
    void differentDataGivesDifferentBytes() throws IOException {
        List<SpeedPoint> speeds = speeds(LocalDate.of(2026, 1, 1), 90, DAY, 0);
        List<DurationPoint> durations = durations(LocalDate.of(2026, 1, 1), 90, DAY, 0);
        List<SpeedPoint> lessVolume = new ArrayList<>(speeds);
        SpeedPoint day = lessVolume.get(40);
        lessVolume.set(40, new SpeedPoint(day.periodStart(), day.periodEnd(), false, day.transfers(), day.items() / 2,
                day.p50ItemsPerSecond(), day.p90ItemsPerSecond()));
        List<DurationPoint> slowerP90 = new ArrayList<>(durations);
        DurationPoint step = slowerP90.get(40);
        slowerP90.set(40, new DurationPoint(step.periodStart(), step.periodEnd(), false, step.step(), step.steps(),
                step.p50Seconds(), step.p90Seconds() * 2));

        Path speed = speed(speeds, "speed.png");
        Path duration = duration(durations, "duration.png");
        assertThat(Files.mismatch(speed, speed(speeds(LocalDate.of(2026, 1, 1), 90, DAY, 2), "faster.png")))
                .isNotEqualTo(-1);
        assertThat(Files.mismatch(speed, speed(lessVolume, "less.png"))).isNotEqualTo(-1);
        assertThat(Files.mismatch(duration, duration(slowerP90, "slower.png"))).isNotEqualTo(-1);
        assertThat(Files.mismatch(duration, duration(durations(LocalDate.of(2026, 1, 1), 90, DAY, 1),
                "drift.png"))).isNotEqualTo(-1);
    }

    private Path speed(List<SpeedPoint> points, String name) {
        Path png = dir.resolve(name);
        TransferCharts.writeTransferSpeed(points, "File transfer speed", SUBTITLE, png);
        return png;
    }

    private Path duration(List<DurationPoint> points, String name) {
        Path png = dir.resolve(name);
        TransferCharts.writeStepDuration(points, "Deployment step durations", SUBTITLE, png);
        return png;
    }

    /** About 300 items/s and 1M items a period, a weekly cycle, with one period without transfers when long. */
    private static List<SpeedPoint> speeds(LocalDate first, int count, UnaryOperator<LocalDate> next,
                                           double drift) {
        List<SpeedPoint> points = new ArrayList<>();
        LocalDate start = first;
        for (int i = 0; i < count; i++) {
            LocalDate end = next.apply(start);
            double p50 = 300 + 40 * Math.sin(i * 2 * Math.PI / 7) + drift * i;
            points.add(count > 2 && i == count / 3
                    ? new SpeedPoint(start, end, false, 0, 0, Double.NaN, Double.NaN)
                    : new SpeedPoint(start, end, false, 3_000 + i, 1_000_000 + 7_919L * (i % 13), p50, p50 * 1.8));
            start = end;
        }
        return points;
    }

    private static void noSpeed(List<SpeedPoint> points, int index) {
        SpeedPoint point = points.get(index);
        points.set(index, new SpeedPoint(point.periodStart(), point.periodEnd(), false, 0, 0, Double.NaN, Double.NaN));
    }

    /** Every step in every period, from seconds to minutes. */
    private static List<DurationPoint> durations(LocalDate first, int count, UnaryOperator<LocalDate> next,
                                                 double drift) {
        double[] typical = {5, 90, 60, 3, 0.8, 400};
        List<DurationPoint> points = new ArrayList<>();
        LocalDate start = first;
        for (int i = 0; i < count; i++) {
            LocalDate end = next.apply(start);
            for (int s = 0; s < STEPS.size(); s++) {
                double p50 = typical[s] * (1 + 0.1 * Math.sin(i + s) + drift * i / count);
                points.add(new DurationPoint(start, end, false, STEPS.get(s), 100 + i, p50, p50 * 2.2));
            }
            start = end;
        }
        return points;
    }
}
