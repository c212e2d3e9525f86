package io.progressreports.funnel;

import io.progressreports.report.ChartFiles;
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
import java.util.function.IntPredicate;
import java.util.function.UnaryOperator;

import static io.progressreports.report.ChartImages.markers;
import static io.progressreports.report.ChartImages.read;
import static org.assertj.core.api.Assertions.assertThat;

class FunnelChartsTest {

    private static final String SUBTITLE = "2026-01-05 to 2026-03-29 · week cohorts · zone UTC · window 30 days"
            + " · sequential order · as of 2026-03-30T00:00:00Z";

    private static final List<FunnelBar> FUNNEL = List.of(
            new FunnelBar(1, "created", 12_345, 1.0, Double.NaN, 0, Double.NaN),
            new FunnelBar(2, "git_write", 8_000, 8_000 / 12_345.0, 8_000 / 12_345.0, 0, Double.NaN),
            new FunnelBar(3, "merge_request_created", 5_085, 5_085 / 12_345.0, 5_085 / 8_000.0, 0, Double.NaN),
            new FunnelBar(4, "pipeline_created", 1_200, 1_200 / 12_345.0, 1_200 / 5_085.0, 0, Double.NaN),
            new FunnelBar(5, "trial_started", 0, 0.0, 0.0, 0, Double.NaN));

    /** The same steps with immature cohorts beside them: 6,000 namespaces so far. */
    private static final List<FunnelBar> WITH_IMMATURE = FUNNEL.stream().map(bar -> new FunnelBar(bar.stepNumber(),
            bar.step(), bar.namespaces(), bar.conversionFromStart(), bar.conversionFromPrevious(),
            bar.namespaces() * 6_000 / 12_345, (double) (bar.namespaces() * 6_000 / 12_345) / 6_000)).toList();

    @TempDir
    Path dir;

    @Test
    void funnelIsAPngOfItsSizeWithOneBarPerStepLongestOnTop() throws IOException {
        Path png = funnel(FUNNEL, "funnel.png");

        BufferedImage image = read(png, FunnelCharts.FUNNEL_WIDTH, FunnelCharts.FUNNEL_HEIGHT);
        // Top to bottom; the zero step has no bar to find.
        assertThat(barLengths(image, ChartFiles.seriesColor(0))).hasSize(4).isSortedAccordingTo((a, b) -> b - a)
                .doesNotHaveDuplicates();
    }

    @Test
    void immatureCohortsAreALighterBarBesideEachStep() throws IOException {
        BufferedImage image = read(funnel(WITH_IMMATURE, "immature.png"), FunnelCharts.FUNNEL_WIDTH,
                FunnelCharts.FUNNEL_HEIGHT);

        // The legend's swatches are shorter than any bar.
        assertThat(barLengths(image, ChartFiles.seriesColor(0))).filteredOn(length -> length > 12).hasSize(4);
        assertThat(barLengths(image, lighter(ChartFiles.seriesColor(0)))).filteredOn(length -> length > 12)
                .hasSize(4)
                .isSortedAccordingTo((a, b) -> b - a);
        var dataset = FunnelCharts.funnelDataset(WITH_IMMATURE);
        assertThat(dataset.getRowKeys()).containsExactly(FunnelCharts.MATURE_SERIES, FunnelCharts.IMMATURE_SERIES);
        assertThat(dataset.getValue(FunnelCharts.IMMATURE_SERIES, "2. git_write").doubleValue()).isEqualTo(3_888.0);
        assertThat(FunnelCharts.funnelDataset(FUNNEL).getRowKeys()).as("no immature cohort, no second bar")
                .containsExactly(FunnelCharts.MATURE_SERIES);
    }

    @Test
    void funnelWithNoNamespacesOrNoStepsStillRenders() throws IOException {
        List<FunnelBar> empty = List.of(new FunnelBar(1, "created", 0, Double.NaN, Double.NaN, 0, Double.NaN),
                new FunnelBar(2, "git_write", 0, Double.NaN, Double.NaN, 0, Double.NaN));

        read(funnel(empty, "zero.png"), FunnelCharts.FUNNEL_WIDTH, FunnelCharts.FUNNEL_HEIGHT);
        read(funnel(List.of(), "none.png"), FunnelCharts.FUNNEL_WIDTH, FunnelCharts.FUNNEL_HEIGHT);
    }

    @Test
    void barLabelsUseEnglishNumbersWhateverTheMachineLocale() {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
        try {
            assertThat(FunnelCharts.barLabel(new FunnelBar(2, "git_write", 12_345, 0.41234, 0.70912, 1_234, 0.201)))
                    .isEqualTo("12,345 · 41.2% · 70.9% of previous");
            assertThat(FunnelCharts.barLabel(new FunnelBar(1, "created", 30_000, 1.0, Double.NaN, 0, Double.NaN)))
                    .isEqualTo("30,000 · 100.0%");
            assertThat(FunnelCharts.barLabel(new FunnelBar(6, "subscription", 147, 0.0049, 0.1968, 0, Double.NaN)))
                    .as("under 1%, two decimals").isEqualTo("147 · 0.49% · 19.7% of previous");
            assertThat(FunnelCharts.barLabel(new FunnelBar(5, "trial_started", 0, 0.0, 0.0, 0, Double.NaN)))
                    .isEqualTo("0 · 0.0% · 0.0% of previous");
            assertThat(FunnelCharts.barLabel(new FunnelBar(1, "created", 0, Double.NaN, Double.NaN, 0, Double.NaN)))
                    .isEqualTo("0");
            assertThat(FunnelCharts.immatureLabel(new FunnelBar(2, "git_write", 12_345, 0.41, 0.7, 1_234, 0.201)))
                    .isEqualTo("1,234 · 20.1% so far");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void trendShadesImmatureCohortsAndDrawsThemLighter() throws IOException {
        BufferedImage withImmature = read(trend(weeks(12, 3), "immature.png"), FunnelCharts.TREND_WIDTH,
                FunnelCharts.trendHeight(3));
        BufferedImage allMature = read(trend(weeks(12, 0), "mature.png"), FunnelCharts.TREND_WIDTH,
                FunnelCharts.trendHeight(3));

        // Point markers are the only places a 3x3 block of one series colour can form: line edges are blended.
        Color lighterFirstLine = lighter(ChartFiles.seriesColor(0));
        assertThat(columns(withImmature, FunnelChartsTest::band)).isNotEmpty()
                .allSatisfy(x -> assertThat(x).isGreaterThan(FunnelCharts.TREND_WIDTH * 2 / 3));
        assertThat(markers(withImmature, lighterFirstLine)).isNotEmpty()
                .allSatisfy(x -> assertThat(x).isGreaterThan(FunnelCharts.TREND_WIDTH * 2 / 3));
        assertThat(markers(withImmature, ChartFiles.seriesColor(0))).isNotEmpty()
                .allSatisfy(x -> assertThat(x).isLessThan(FunnelCharts.TREND_WIDTH * 3 / 4));
        assertThat(columns(allMature, FunnelChartsTest::band)).isEmpty();
        assertThat(markers(allMature, lighterFirstLine)).isEmpty();
    }

    @Test
    void trendRendersDaysMonthsASingleCohortAndNoCohorts() throws IOException {
        List<List<ConversionPoint>> cases = List.of(
                cohorts(LocalDate.of(2026, 1, 1), 90, 30, day -> day.plusDays(1)),
                cohorts(LocalDate.of(2025, 4, 1), 12, 1, day -> day.plusMonths(1)),
                cohorts(LocalDate.of(2026, 3, 1), 1, 1, day -> day.plusMonths(1)),
                cohorts(LocalDate.of(2026, 3, 2), 1, 0, day -> day.plusWeeks(1)),
                List.of());
        for (int i = 0; i < cases.size(); i++) {
            read(trend(cases.get(i), "case" + i + ".png"), FunnelCharts.TREND_WIDTH,
                    FunnelCharts.trendHeight(cases.get(i).isEmpty() ? 0 : 3));
        }
    }

    @Test
    void aLowRateStepGetsItsOwnScaleAndCohortSizesAreDrawnBeneath() throws IOException {
        // git_write near 50%, subscription_created between 1% and 3%: on one 0-100% axis it would be a flat line.
        List<ConversionPoint> points = new ArrayList<>();
        LocalDate start = LocalDate.of(2026, 1, 5);
        for (int cohort = 0; cohort < 10; cohort++) {
            LocalDate end = start.plusWeeks(1);
            points.add(new ConversionPoint(start, end, 2, "git_write", 0.5 + 0.01 * (cohort % 3), true, false,
                    2_000));
            points.add(new ConversionPoint(start, end, 3, "subscription_created", 0.01 + 0.002 * cohort, true,
                    false, 2_000));
            start = end;
        }
        BufferedImage image = read(trend(points, "low.png"), FunnelCharts.TREND_WIDTH, FunnelCharts.trendHeight(2));

        List<Integer> heights = rows(image, ChartFiles.stepColor("subscription_created"));
        assertThat(heights.get(heights.size() - 1) - heights.get(0)).as("pixels from 1% to 2.8%")
                .isGreaterThan(FunnelCharts.trendHeight(2) / 10);
        assertThat(markers(image, ChartFiles.VOLUME)).as("a bar per cohort's namespaces").isNotEmpty();
    }

    @Test
    void partialCohortsHaveHollowPointsAndLighterBars() throws IOException {
        List<ConversionPoint> cut = new ArrayList<>();
        for (ConversionPoint point : weeks(8, 0)) {
            boolean first = point.cohortStart().equals(LocalDate.of(2026, 1, 5));
            cut.add(new ConversionPoint(point.cohortStart(), point.cohortEnd(), point.stepNumber(), point.step(),
                    point.conversionFromStart(), point.mature(), first, point.cohortNamespaces() / (first ? 3 : 1)));
        }
        BufferedImage whole = read(trend(weeks(8, 0), "whole.png"), FunnelCharts.TREND_WIDTH,
                FunnelCharts.trendHeight(3));
        BufferedImage partial = read(trend(cut, "cut.png"), FunnelCharts.TREND_WIDTH, FunnelCharts.trendHeight(3));

        Color line = ChartFiles.stepColor("git_write");
        assertThat(markers(partial, line).get(0)).as("no filled point on the first cohort")
                .isGreaterThan(markers(whole, line).get(0) + 40);
        assertThat(markers(partial, ChartFiles.lighter(ChartFiles.VOLUME))).isNotEmpty();
        assertThat(markers(whole, ChartFiles.lighter(ChartFiles.VOLUME))).isEmpty();
    }

    /** The rows, top to bottom, where a 3x3 block of the colour is: a line's points. */
    private static List<Integer> rows(BufferedImage image, Color color) {
        List<Integer> rows = new ArrayList<>();
        for (int y = 1; y < image.getHeight() - 1; y++) {
            for (int x = 1; x < image.getWidth() - 1; x++) {
                if (io.progressreports.report.ChartImages.block(image, x, y, color.getRGB())) {
                    rows.add(y);
                    break;
                }
            }
        }
        return rows;
    }

    @Test
    void trendLeavesOutStepOneWhichIsAlwaysAllOfTheCohort() throws IOException {
        List<ConversionPoint> withStepOne = new ArrayList<>(weeks(6, 2));
        for (ConversionPoint point : weeks(6, 2)) {
            if (point.stepNumber() == 2) {
                withStepOne.add(new ConversionPoint(point.cohortStart(), point.cohortEnd(), 1, "created", 1.0,
                        point.mature(), point.partial(), point.cohortNamespaces()));
            }
        }

        assertThat(Files.mismatch(trend(withStepOne, "a.png"), trend(weeks(6, 2), "b.png"))).isEqualTo(-1);
    }

    @Test
    void sameDataGivesTheSameBytesWhateverTheMachineLocaleAndZone() throws IOException {
        Path funnel = funnel(FUNNEL, "funnel-1.png");
        Path trend = trend(weeks(12, 3), "trend-1.png");
        Locale locale = Locale.getDefault();
        TimeZone zone = TimeZone.getDefault();
        Locale.setDefault(Locale.GERMANY);
        TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
        try {
            assertThat(Files.mismatch(funnel, funnel(FUNNEL, "funnel-2.png"))).isEqualTo(-1);
            assertThat(Files.mismatch(trend, trend(weeks(12, 3), "trend-2.png"))).isEqualTo(-1);
        } finally {
            Locale.setDefault(locale);
            TimeZone.setDefault(zone);
        }
        assertThat(Files.mismatch(funnel, funnel(FUNNEL, "funnel-3.png"))).isEqualTo(-1);
        assertThat(Files.mismatch(trend, trend(weeks(12, 3), "trend-3.png"))).isEqualTo(-1);
        // The SVG twins too: JFreeSVG's ids are random unless a prefix is set.
        for (String run : List.of("2", "3")) {
            assertThat(Files.mismatch(svgOf(funnel), svgOf(funnel.resolveSibling("funnel-" + run + ".png"))))
                    .isEqualTo(-1);
            assertThat(Files.mismatch(svgOf(trend), svgOf(trend.resolveSibling("trend-" + run + ".png"))))
                    .isEqualTo(-1);
        }
        assertThat(Files.readString(svgOf(funnel))).contains("<svg", "git_write");
    }

    @Test
    void completionByAgeAndTimeToStepAreTheSameBytesWhateverTheMachineLocaleAndZone() throws IOException {
        Path completion = completion(COMPLETION, "completion-1.png");
        Path time = timeToStep(TIME_TO_STEP, "time-1.png");
        read(completion, FunnelCharts.COMPLETION_WIDTH, FunnelCharts.COMPLETION_HEIGHT);
        read(time, FunnelCharts.TIME_TO_STEP_WIDTH, FunnelCharts.TIME_TO_STEP_HEIGHT);
        assertThat(markers(read(completion, FunnelCharts.COMPLETION_WIDTH, FunnelCharts.COMPLETION_HEIGHT),
                ChartFiles.stepColor("git_write"))).as("a curve per action, in the step's colour").isNotEmpty();
        Locale locale = Locale.getDefault();
        TimeZone zone = TimeZone.getDefault();
        Locale.setDefault(Locale.GERMANY);
        TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
        try {
            assertThat(Files.mismatch(completion, completion(COMPLETION, "completion-2.png"))).isEqualTo(-1);
            assertThat(Files.mismatch(time, timeToStep(TIME_TO_STEP, "time-2.png"))).isEqualTo(-1);
            assertThat(Files.mismatch(svgOf(time), svgOf(dir.resolve("time-2.png")))).isEqualTo(-1);
        } finally {
            Locale.setDefault(locale);
            TimeZone.setDefault(zone);
        }
        assertThat(Files.readString(svgOf(time))).contains("1 h", "1 d", "git_write");
    }

    @Test
    void completionByAgeAndTimeToStepWithoutDataStillRender() throws IOException {
        read(completion(List.of(), "completion-none.png"), FunnelCharts.COMPLETION_WIDTH,
                FunnelCharts.COMPLETION_HEIGHT);
        read(completion(List.of(new CompletionByAge.Point("git_write", java.time.Duration.ofDays(30), 0, 0,
                Double.NaN)), "completion-young.png"), FunnelCharts.COMPLETION_WIDTH, FunnelCharts.COMPLETION_HEIGHT);
        read(timeToStep(List.of(), "time-none.png"), FunnelCharts.TIME_TO_STEP_WIDTH,
                FunnelCharts.TIME_TO_STEP_HEIGHT);
    }

    private static final List<CompletionByAge.Point> COMPLETION = completionCurves();
    private static final List<TimeToStep.Point> TIME_TO_STEP = timeToStepCurves();

    private static List<CompletionByAge.Point> completionCurves() {
        List<CompletionByAge.Point> points = new ArrayList<>();
        String[] actions = {"git_write", "merge_request_created", "trial_started", "subscription_created"};
        double[] rates = {0.6, 0.4, 0.025, 0.005};
        for (int a = 0; a < actions.length; a++) {
            for (int days : new int[] {1, 7, 14, 30}) {
                points.add(new CompletionByAge.Point(actions[a], java.time.Duration.ofDays(days), 10_000,
                        Math.round(10_000 * rates[a] * Math.sqrt(days / 30.0)), rates[a] * Math.sqrt(days / 30.0)));
            }
        }
        return points;
    }

    private static List<TimeToStep.Point> timeToStepCurves() {
        List<TimeToStep.Point> points = new ArrayList<>();
        List<Double> grid = TimeToStep.grid(30 * 86_400);
        String[] steps = {"created", "git_write", "merge_request_created", "pipeline_created"};
        for (int step = 2; step <= 4; step++) {
            for (double seconds : grid) {
                double share = Math.min(1, Math.log10(seconds / 60) / Math.log10(30 * 1_440) * (1 + 0.2 * step));
                points.add(new TimeToStep.Point(step, steps[step - 1], seconds, share, 5_000 / step));
            }
        }
        return points;
    }

    private Path completion(List<CompletionByAge.Point> points, String name) {
        Path png = dir.resolve(name);
        FunnelCharts.writeCompletionByAge(points, "Completion by age", SUBTITLE, png);
        return png;
    }

    private Path timeToStep(List<TimeToStep.Point> points, String name) {
        Path png = dir.resolve(name);
        FunnelCharts.writeTimeToStep(points, "Time from signup to each step", SUBTITLE, png);
        return png;
    }

    private static Path svgOf(Path png) {
        return png.resolveSibling(ChartFiles.svgOf(png.getFileName().toString()));
    }

    @Test
    void differentDataGivesDifferentBytes() throws IOException {
        List<FunnelBar> oneMore = new ArrayList<>(FUNNEL);
        oneMore.set(3, new FunnelBar(4, "pipeline_created", 1_201, 1_201 / 12_345.0, 1_201 / 5_085.0, 0,
                Double.NaN));
        List<ConversionPoint> lower = new ArrayList<>(weeks(12, 3));
        ConversionPoint first = lower.get(0);
        lower.set(0, new ConversionPoint(first.cohortStart(), first.cohortEnd(), first.stepNumber(), first.step(),
                first.conversionFromStart() - 0.05, first.mature(), first.partial(), first.cohortNamespaces()));

        assertThat(Files.mismatch(funnel(FUNNEL, "a.png"), funnel(oneMore, "b.png"))).isNotEqualTo(-1);
        assertThat(Files.mismatch(trend(weeks(12, 3), "c.png"), trend(lower, "d.png"))).isNotEqualTo(-1);
        assertThat(Files.mismatch(trend(weeks(12, 3), "e.png"), trend(weeks(12, 4), "f.png"))).isNotEqualTo(-1);
    }

    private Path funnel(List<FunnelBar> bars, String name) {
        Path png = dir.resolve(name);
        FunnelCharts.writeFunnel(bars, "Onboarding funnel", SUBTITLE,
                "mature cohorts only: 2026-01-05 to 2026-03-08 (9 of 12 cohorts)", png);
        return png;
    }

    private Path trend(List<ConversionPoint> points, String name) {
        Path png = dir.resolve(name);
        FunnelCharts.writeConversionTrend(points, "Conversion from signup by cohort", SUBTITLE, png);
        return png;
    }

    private static List<ConversionPoint> weeks(int count, int immature) {
        return cohorts(LocalDate.of(2026, 1, 5), count, immature, day -> day.plusWeeks(1));
    }

    /** Steps 2 to 4 of each cohort; the last {@code immature} cohorts are immature; one empty cohort. */
    private static List<ConversionPoint> cohorts(LocalDate first, int count, int immature,
                                                 UnaryOperator<LocalDate> next) {
        String[] steps = {"created", "git_write", "merge_request_created", "pipeline_created"};
        List<ConversionPoint> points = new ArrayList<>();
        LocalDate start = first;
        for (int cohort = 0; cohort < count; cohort++) {
            LocalDate end = next.apply(start);
            double share = 1.0;
            for (int step = 2; step <= 4; step++) {
                share *= 0.5 + 0.03 * ((cohort * 7 + step) % 5);
                double value = count > 1 && cohort == count / 2 ? Double.NaN : share;
                points.add(new ConversionPoint(start, end, step, steps[step - 1], value, cohort < count - immature,
                        false, 1_000 + 37L * cohort));
            }
            start = end;
        }
        return points;
    }

    /** The length in pixels of each bar, top to bottom, measured along its middle row. */
    private static List<Integer> barLengths(BufferedImage image, Color bar) {
        List<Integer> lengths = new ArrayList<>();
        int y = 0;
        while (y < image.getHeight()) {
            int top = y;
            while (y < image.getHeight() && count(image, y, bar.getRGB()) > 0) {
                y++;
            }
            if (y > top) {
                lengths.add(count(image, (top + y) / 2, bar.getRGB()));
            }
            y++;
        }
        return lengths;
    }

    private static int count(BufferedImage image, int y, int rgb) {
        int count = 0;
        for (int x = 0; x < image.getWidth(); x++) {
            if (image.getRGB(x, y) == rgb) {
                count++;
            }
        }
        return count;
    }

    /** The x of every column with at least one pixel that matches. */
    private static List<Integer> columns(BufferedImage image, IntPredicate pixel) {
        List<Integer> columns = new ArrayList<>();
        for (int x = 0; x < image.getWidth(); x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                if (pixel.test(image.getRGB(x, y))) {
                    columns.add(x);
                    break;
                }
            }
        }
        return columns;
    }


    /** The warm tint of the immature band; no series colour, full or lighter, comes close. */
    private static boolean band(int rgb) {
        Color color = new Color(rgb);
        return color.getRed() == 255 && color.getGreen() >= 225 && color.getGreen() <= 245
                && color.getBlue() >= 175 && color.getBlue() <= 215;
    }

    private static Color lighter(Color color) {
        return new Color((color.getRed() + 255) / 2, (color.getGreen() + 255) / 2, (color.getBlue() + 255) / 2);
    }
}
