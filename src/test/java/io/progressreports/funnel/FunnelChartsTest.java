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
                FunnelCharts.TREND_HEIGHT);
        BufferedImage allMature = read(trend(weeks(12, 0), "mature.png"), FunnelCharts.TREND_WIDTH,
                FunnelCharts.TREND_HEIGHT);

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
            read(trend(cases.get(i), "case" + i + ".png"), FunnelCharts.TREND_WIDTH, FunnelCharts.TREND_HEIGHT);
        }
    }

    @Test
    void trendLeavesOutStepOneWhichIsAlwaysAllOfTheCohort() throws IOException {
        List<ConversionPoint> withStepOne = new ArrayList<>(weeks(6, 2));
        for (ConversionPoint point : weeks(6, 2)) {
            if (point.stepNumber() == 2) {
                withStepOne.add(new ConversionPoint(point.cohortStart(), point.cohortEnd(), 1, "created", 1.0,
                        point.mature(), point.partial()));
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
                first.conversionFromStart() - 0.05, first.mature(), first.partial()));

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
                        false));
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
