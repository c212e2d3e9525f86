package io.progressreports.funnel;

import io.progressreports.report.ChartFiles;
import io.progressreports.report.DurationAxis;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.annotations.XYTitleAnnotation;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.TickUnits;
import org.jfree.chart.labels.CategoryItemLabelGenerator;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.RangeType;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** funnel.png and conversion_trend.png: the two charts an analyst opens before the CSVs. */
final class FunnelCharts {

    static final int FUNNEL_WIDTH = 1000;
    static final int FUNNEL_HEIGHT = 600;
    static final int TREND_WIDTH = 1200;
    /** Title, subtitles, date axis and legend of conversion_trend.png; then a panel per step. */
    private static final int TREND_CHROME_HEIGHT = 220;
    private static final int TREND_PANEL_HEIGHT = 150;
    static final int COMPLETION_WIDTH = 1200;
    static final int COMPLETION_HEIGHT = 700;
    static final int TIME_TO_STEP_WIDTH = 1200;
    static final int TIME_TO_STEP_HEIGHT = 650;

    private static final String IMMATURE_LABEL = "immature: window not yet over";

    private static final Stroke IMMATURE_LINE = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND,
            10f, new float[] {7f, 5f}, 0f);
    private static final Color IMMATURE_BAND = new Color(0xFFD98A);
    private static final Stroke PARTIAL_OUTLINE = new BasicStroke(2f);
    private static final Shape POINT = new Ellipse2D.Double(-3.5, -3.5, 7, 7);

    private FunnelCharts() {
    }

    static final String MATURE_SERIES = "mature cohorts";
    static final String IMMATURE_SERIES = "immature cohorts, so far";

    /**
     * Horizontal bars in step order, step 1 on top: the mature cohorts' namespaces, each labelled with its count,
     * its share of step 1 and of the step before, and beside it a lighter bar of the immature cohorts' namespaces so
     * far, left out when there are none. An empty list gives a chart that says so.
     *
     * @param cohorts which cohorts the bars are made of, a second subtitle
     */
    static void writeFunnel(List<FunnelBar> bars, String title, String subtitle, String cohorts, Path png) {
        List<FunnelBar> ordered = bars.stream().sorted(Comparator.comparingInt(FunnelBar::stepNumber)).toList();
        DefaultCategoryDataset dataset = funnelDataset(ordered);
        List<List<String>> labels = new ArrayList<>();
        labels.add(ordered.stream().map(FunnelCharts::barLabel).toList());
        labels.add(ordered.stream().map(FunnelCharts::immatureLabel).toList());
        String base = ordered.isEmpty() ? "step 1" : ordered.get(0).step();
        NumberAxis namespaces = ChartFiles.countAxis("Namespaces that reached the step   (label: namespaces · % of "
                + base + " · % of previous step)");
        // Room right of the longest bar for its label.
        namespaces.setUpperMargin(0.55);
        BarRenderer renderer = new BarRenderer();
        CategoryPlot plot = new CategoryPlot(dataset, new CategoryAxis(null), namespaces, renderer);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setRangeAxisLocation(AxisLocation.BOTTOM_OR_LEFT);
        plot.setNoDataMessage("no namespaces in range");
        plot.setDomainGridlinesVisible(false);

        JFreeChart chart = ChartFiles.chart(title, subtitle, plot);
        chart.addSubtitle(new TextTitle(cohorts));
        if (dataset.getRowCount() > 1) {
            LegendTitle legend = new LegendTitle(plot);
            legend.setPosition(RectangleEdge.BOTTOM);
            legend.setMargin(new RectangleInsets(8, 0, 0, 0));
            chart.addSubtitle(legend);
        }
        ChartFiles.applyTheme(chart);
        renderer.setSeriesPaint(0, ChartFiles.seriesColor(0));
        renderer.setSeriesPaint(1, ChartFiles.lighter(ChartFiles.seriesColor(0)));
        renderer.setItemMargin(0.05);
        renderer.setMaximumBarWidth(dataset.getRowCount() > 1 ? 0.07 : 0.11);
        renderer.setDefaultItemLabelGenerator(new BarLabels(labels));
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setDefaultItemLabelFont(ChartFiles.font(Font.BOLD, 13));
        renderer.setSeriesItemLabelFont(1, ChartFiles.font(Font.PLAIN, 12));
        renderer.setDefaultPositiveItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.OUTSIDE3,
                TextAnchor.CENTER_LEFT));
        renderer.setItemLabelAnchorOffset(6);
        ChartFiles.write(chart, png, FUNNEL_WIDTH, FUNNEL_HEIGHT);
    }

    /**
     * What funnel.png draws: the row {@link #MATURE_SERIES} with each step's mature namespaces, and
     * {@link #IMMATURE_SERIES} with the immature ones' when any immature cohort has a namespace.
     */
    static DefaultCategoryDataset funnelDataset(List<FunnelBar> ordered) {
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        boolean immature = ordered.stream().anyMatch(bar -> bar.immatureNamespaces() > 0);
        for (FunnelBar bar : ordered) {
            dataset.addValue(bar.namespaces(), MATURE_SERIES, stepLabel(bar.stepNumber(), bar.step()));
            if (immature) {
                dataset.addValue(bar.immatureNamespaces(), IMMATURE_SERIES, stepLabel(bar.stepNumber(), bar.step()));
            }
        }
        return dataset;
    }

    /**
     * Small multiples: one panel per step from step 2 on, each with its own linear scale from 0, over the cohort
     * start dates, and beneath them the namespaces per cohort. One shared 0-100% axis flattens trial and
     * subscription (0-3%) onto the floor; a log axis would keep them apart but has no place for a cohort at 0% (a
     * small cohort without a subscription) and makes equal changes look unequal from step to step. Immature
     * cohorts are drawn lighter and dashed over a shaded band, because their shares can still rise; partial
     * cohorts (cut by the range) have hollow points and lighter bars. An empty list gives a chart that says so.
     */
    static void writeConversionTrend(List<ConversionPoint> points, String title, String subtitle, Path png) {
        Map<Integer, List<ConversionPoint>> bySteps = points.stream().filter(point -> point.stepNumber() > 1)
                .sorted(Comparator.comparing(ConversionPoint::cohortStart))
                .collect(Collectors.groupingBy(ConversionPoint::stepNumber, TreeMap::new, Collectors.toList()));
        TreeMap<LocalDate, Cohort> cohorts = new TreeMap<>();
        bySteps.values().forEach(list -> list.forEach(point -> cohorts.merge(point.cohortStart(),
                new Cohort(point.cohortStart(), point.cohortEnd(), point.mature(), point.partial(),
                        point.cohortNamespaces()), Cohort::and)));
        List<Cohort> ordered = new ArrayList<>(cohorts.values());
        var periods = new TreeMap<LocalDate, LocalDate>();
        ordered.forEach(cohort -> periods.put(cohort.start(), cohort.end()));
        double[] edges = ChartFiles.slotEdges(periods);

        DateAxis cohortStart = ChartFiles.dateAxis("Cohort start", List.copyOf(cohorts.keySet()));
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(cohortStart);
        plot.setGap(12);
        List<XYPlot> panels = new ArrayList<>();
        List<MaturityRenderer> renderers = new ArrayList<>();
        for (List<ConversionPoint> step : bySteps.values()) {
            ConversionPoint first = step.get(0);
            XYSeries line = new XYSeries(stepLabel(first.stepNumber(), first.step()), false, false);
            step.forEach(point -> line.add(ChartFiles.epochMillis(point.cohortStart()),
                    point.conversionFromStart()));
            MaturityRenderer renderer = new MaturityRenderer(step.stream().map(point -> !point.mature()).toList(),
                    step.stream().map(ConversionPoint::partial).toList(), ChartFiles.stepColor(first.step()));
            XYPlot panel = new XYPlot(new XYSeriesCollection(line), null, shareAxis(null), renderer);
            TextTitle name = new TextTitle(stepLabel(first.stepNumber(), first.step()),
                    ChartFiles.font(Font.BOLD, 13));
            name.setPaint(ChartFiles.TEXT);
            name.setBackgroundPaint(new Color(255, 255, 255, 200));
            panel.addAnnotation(new XYTitleAnnotation(0.005, 0.995, name, RectangleAnchor.TOP_LEFT));
            immatureBands(ordered, edges, panels.isEmpty()).forEach(band -> panel.addDomainMarker(band,
                    Layer.BACKGROUND));
            plot.add(panel, 2);
            panels.add(panel);
            renderers.add(renderer);
        }
        XYBarRenderer bars = new XYBarRenderer(0.2);
        NumberAxis sizeAxis = ChartFiles.countAxis("namespaces");
        if (ordered.isEmpty()) {
            XYPlot empty = new XYPlot(new XYSeriesCollection(), null, ChartFiles.percentAxis(null),
                    new XYLineAndShapeRenderer());
            empty.getRangeAxis().setTickLabelsVisible(false);
            empty.setNoDataMessage("no cohorts in range");
            plot.add(empty, 2);
            panels.add(empty);
        } else {
            plot.add(new XYPlot(cohortSizes(ordered, edges), null, sizeAxis, bars), 1);
        }
        JFreeChart chart = ChartFiles.chart(title, subtitle, plot);
        if (!ordered.isEmpty()) {
            cohortStart.setRange(edges[0], edges[ordered.size()]);
            LegendItemCollection items = new LegendItemCollection();
            items.add(new LegendItem("bars: namespaces per cohort", null, null, null,
                    new Rectangle2D.Double(-6, -6, 12, 12), ChartFiles.VOLUME));
            if (ordered.stream().anyMatch(cohort -> !cohort.mature())) {
                items.add(new LegendItem("immature cohort (can still rise)", null, null, null,
                        new Line2D.Double(-10, 0, 10, 0), IMMATURE_LINE, Color.GRAY));
            }
            if (ordered.stream().anyMatch(Cohort::partial)) {
                items.add(new LegendItem("hollow, lighter bar: partial cohort, cut by the range (fewer days)", null,
                        null, null, POINT, Color.WHITE, PARTIAL_OUTLINE, Color.GRAY));
            }
            plot.setFixedLegendItems(items);
            LegendTitle legend = new LegendTitle(plot);
            legend.setPosition(RectangleEdge.BOTTOM);
            legend.setMargin(new RectangleInsets(8, 0, 0, 0));
            chart.addSubtitle(legend);
        }

        ChartFiles.applyTheme(chart);
        // The theme styles the message of the chart's own plot, but a subplot draws its own.
        panels.forEach(panel -> {
            panel.setNoDataMessageFont(plot.getNoDataMessageFont());
            panel.setNoDataMessagePaint(plot.getNoDataMessagePaint());
        });
        for (MaturityRenderer renderer : renderers) {
            renderer.setSeriesPaint(0, renderer.color);
            renderer.setSeriesStroke(0, ChartFiles.LINE);
            renderer.setSeriesShape(0, POINT);
        }
        bars.setSeriesPaint(0, ChartFiles.VOLUME);
        bars.setSeriesPaint(1, ChartFiles.lighter(ChartFiles.VOLUME));
        ChartFiles.write(chart, png, TREND_WIDTH, trendHeight(bySteps.size()));
    }

    /**
     * A curve per action: the share of the namespaces that had done it within each age (1, 7, 14, 30 days and the
     * window), over the cohorts mature at that age, on a scale from 0 to the highest share. The legend lists the
     * actions by their share at the last age, highest first, as the curves end. An empty list gives a chart that
     * says so.
     */
    static void writeCompletionByAge(List<CompletionByAge.Point> points, String title, String subtitle, Path png) {
        Map<String, List<CompletionByAge.Point>> byAction = points.stream()
                .collect(Collectors.groupingBy(CompletionByAge.Point::action, TreeMap::new, Collectors.toList()));
        XYSeriesCollection dataset = new XYSeriesCollection();
        Map<String, Double> last = new TreeMap<>();
        byAction.forEach((action, curve) -> {
            XYSeries series = new XYSeries(action, true, false);
            curve.forEach(point -> series.add(point.age().toSeconds() / 86_400.0, point.rate()));
            dataset.addSeries(series);
            last.put(action, curve.stream().map(CompletionByAge.Point::rate).filter(rate -> !rate.isNaN())
                    .reduce((first, second) -> second).orElse(0.0));
        });
        NumberAxis age = new NumberAxis("Days since signup");
        age.setStandardTickUnits(NumberAxis.createIntegerTickUnits(ChartFiles.LOCALE));
        age.setAutoRangeIncludesZero(true);
        NumberAxis share = shareAxis("Share of the namespaces that had done the action (mature cohorts)");
        share.setUpperMargin(0.08);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        XYPlot plot = new XYPlot(dataset, age, share, renderer);
        plot.setNoDataMessage("no cohort old enough in range");
        boolean anyValue = points.stream().anyMatch(point -> !Double.isNaN(point.rate()));
        age.setTickLabelsVisible(anyValue);
        share.setTickLabelsVisible(anyValue);
        JFreeChart chart = ChartFiles.chart(title, subtitle, plot);
        if (anyValue) {
            LegendItemCollection items = new LegendItemCollection();
            last.entrySet().stream()
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed()
                            .thenComparing(Map.Entry.comparingByKey()))
                    .forEach(entry -> items.add(new LegendItem(entry.getKey() + " " + share(entry.getValue()), null,
                            null, null, new Line2D.Double(-10, 0, 10, 0), ChartFiles.LINE,
                            ChartFiles.stepColor(entry.getKey()))));
            plot.setFixedLegendItems(items);
            LegendTitle legend = new LegendTitle(plot);
            legend.setPosition(RectangleEdge.BOTTOM);
            legend.setMargin(new RectangleInsets(8, 0, 0, 0));
            chart.addSubtitle(legend);
        } else {
            plot.setDataset(new XYSeriesCollection());
        }
        ChartFiles.applyTheme(chart);
        List<String> actions = List.copyOf(byAction.keySet());
        for (int series = 0; series < actions.size(); series++) {
            renderer.setSeriesPaint(series, ChartFiles.stepColor(actions.get(series)));
            renderer.setSeriesStroke(series, ChartFiles.LINE);
            renderer.setSeriesShape(series, POINT);
        }
        ChartFiles.write(chart, png, COMPLETION_WIDTH, COMPLETION_HEIGHT);
    }

    /**
     * A curve per step after {@code created}: of the mature cohorts' namespaces that reached it, the share that had
     * done so within each time since signup, on a log scale of time from a minute to the window, so that the
     * first minutes and the last weeks both read. An empty list gives a chart that says so.
     */
    static void writeTimeToStep(List<TimeToStep.Point> points, String title, String subtitle, Path png) {
        Map<Integer, List<TimeToStep.Point>> bySteps = points.stream()
                .collect(Collectors.groupingBy(TimeToStep.Point::stepNumber, TreeMap::new, Collectors.toList()));
        XYSeriesCollection dataset = new XYSeriesCollection();
        LegendItemCollection items = new LegendItemCollection();
        List<Color> colors = new ArrayList<>();
        bySteps.forEach((number, curve) -> {
            TimeToStep.Point first = curve.get(0);
            XYSeries series = new XYSeries(stepLabel(number, first.step()), true, false);
            curve.forEach(point -> series.add(point.seconds(), point.share()));
            dataset.addSeries(series);
            colors.add(ChartFiles.stepColor(first.step()));
            items.add(new LegendItem(stepLabel(number, first.step()) + " (" + ChartFiles.countFormat()
                    .format(first.reached()) + " reached it)", null, null, null, new Line2D.Double(-10, 0, 10, 0),
                    ChartFiles.LINE, colors.get(colors.size() - 1)));
        });
        DurationAxis time = new DurationAxis("Time since signup (log scale)");
        NumberAxis share = ChartFiles.percentAxis("Share of those who reached the step (mature cohorts)");
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        XYPlot plot = new XYPlot(dataset, time, share, renderer);
        plot.setNoDataMessage("no namespace of a mature cohort reached a step after created");
        time.setTickLabelsVisible(!bySteps.isEmpty());
        share.setTickLabelsVisible(!bySteps.isEmpty());
        JFreeChart chart = ChartFiles.chart(title, subtitle, plot);
        if (!bySteps.isEmpty()) {
            time.setRange(points.stream().mapToDouble(TimeToStep.Point::seconds).min().orElseThrow(),
                    points.stream().mapToDouble(TimeToStep.Point::seconds).max().orElseThrow());
            plot.setFixedLegendItems(items);
            LegendTitle legend = new LegendTitle(plot);
            legend.setPosition(RectangleEdge.BOTTOM);
            legend.setMargin(new RectangleInsets(8, 0, 0, 0));
            chart.addSubtitle(legend);
        }
        ChartFiles.applyTheme(chart);
        for (int series = 0; series < colors.size(); series++) {
            renderer.setSeriesPaint(series, colors.get(series));
            renderer.setSeriesStroke(series, ChartFiles.LINE);
        }
        ChartFiles.write(chart, png, TIME_TO_STEP_WIDTH, TIME_TO_STEP_HEIGHT);
    }

    /** Taller with more steps, so that each panel keeps room for its scale. */
    static int trendHeight(int steps) {
        return TREND_CHROME_HEIGHT + TREND_PANEL_HEIGHT * Math.max(steps, 1) + TREND_PANEL_HEIGHT / 2;
    }

    /** A scale of its own from 0, its ticks in percent with as many decimals as the tick step needs. */
    private static NumberAxis shareAxis(String label) {
        NumberAxis axis = new NumberAxis(label);
        axis.setAutoRangeIncludesZero(true);
        axis.setRangeType(RangeType.POSITIVE);
        // All zeros still get a scale to read them against: 0% to 1%.
        axis.setAutoRangeMinimumSize(0.01);
        // Room above the highest point for the panel's name.
        axis.setUpperMargin(0.3);
        TickUnits units = new TickUnits();
        for (int exponent = -6; exponent <= 0; exponent++) {
            for (int mantissa : new int[] {1, 2, 5}) {
                BigDecimal size = BigDecimal.valueOf(mantissa).scaleByPowerOfTen(exponent);
                if (size.compareTo(BigDecimal.ONE) <= 0) {
                    // Decimals of the size in percent: 0.0005 is 0.05%, two decimals.
                    int decimals = Math.max(0, size.movePointRight(2).stripTrailingZeros().scale());
                    units.add(new NumberTickUnit(size.doubleValue(), ChartFiles.percentFormat(decimals)));
                }
            }
        }
        axis.setStandardTickUnits(units);
        return axis;
    }

    /** Each cohort's namespaces as a bar over the x range it owns; partial cohorts in a second, lighter series. */
    private static XYIntervalSeriesCollection cohortSizes(List<Cohort> cohorts, double[] edges) {
        XYIntervalSeries whole = new XYIntervalSeries("whole");
        XYIntervalSeries partial = new XYIntervalSeries("partial");
        for (int i = 0; i < cohorts.size(); i++) {
            Cohort cohort = cohorts.get(i);
            (cohort.partial() ? partial : whole).add(ChartFiles.epochMillis(cohort.start()), edges[i], edges[i + 1],
                    cohort.namespaces(), 0, cohort.namespaces());
        }
        XYIntervalSeriesCollection sizes = new XYIntervalSeriesCollection();
        sizes.addSeries(whole);
        sizes.addSeries(partial);
        return sizes;
    }

    /**
     * {@code 12,345 · 41.2% · 70.9% of previous}: the count, its share of step 1 and of the step before (none on
     * step 1), or the count alone when no namespace was created.
     */
    static String barLabel(FunnelBar bar) {
        String label = ChartFiles.countFormat().format(bar.namespaces());
        if (Double.isNaN(bar.conversionFromStart())) {
            return label;
        }
        label += " · " + share(bar.conversionFromStart());
        return Double.isNaN(bar.conversionFromPrevious()) ? label
                : label + " · " + share(bar.conversionFromPrevious()) + " of previous";
    }

    /** {@code 1,234 · 20.1% so far}. */
    static String immatureLabel(FunnelBar bar) {
        String count = ChartFiles.countFormat().format(bar.immatureNamespaces());
        return Double.isNaN(bar.immatureConversionFromStart()) ? count
                : count + " · " + share(bar.immatureConversionFromStart()) + " so far";
    }

    /** One decimal, two under 1% so that trial and subscription rates do not round to the same figure. */
    private static String share(double fraction) {
        return ChartFiles.percentFormat(fraction > 0 && fraction < 0.01 ? 2 : 1).format(fraction);
    }

    private static String stepLabel(int number, String step) {
        return number + ". " + step;
    }

    /**
     * One band per run of consecutive immature cohorts (normally just the latest ones), over the x range those
     * cohorts own, so a band covers their points and none of the mature ones.
     */
    private static List<IntervalMarker> immatureBands(List<Cohort> cohorts, double[] edges, boolean labelled) {
        List<IntervalMarker> bands = new ArrayList<>();
        int index = 0;
        while (index < cohorts.size()) {
            if (cohorts.get(index).mature()) {
                index++;
                continue;
            }
            int first = index;
            while (index < cohorts.size() && !cohorts.get(index).mature()) {
                index++;
            }
            IntervalMarker band = new IntervalMarker(edges[first], edges[index],
                    IMMATURE_BAND);
            // Translucent so that the grid lines still run through it.
            band.setAlpha(0.5f);
            if (labelled) {
                band.setLabel(IMMATURE_LABEL);
            }
            band.setLabelFont(ChartFiles.font(Font.PLAIN, 13));
            band.setLabelPaint(ChartFiles.TEXT);
            band.setLabelBackgroundColor(new Color(255, 255, 255, 200));
            // Anchored at the band's right edge so that a narrow band pushes its label into the plot, not out of it.
            band.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
            band.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
            band.setLabelOffset(new RectangleInsets(6, 6, 6, 6));
            bands.add(band);
        }
        return bands;
    }

    private record Cohort(LocalDate start, LocalDate end, boolean mature, boolean partial, long namespaces) {

        Cohort and(Cohort other) {
            return new Cohort(start, end, mature && other.mature, partial, namespaces);
        }
    }

    /**
     * One step's line. The item's own stroke and paint draw the segment that leads to it, so an immature cohort's
     * segment is dashed; a partial cohort's point is hollow.
     */
    private static final class MaturityRenderer extends XYLineAndShapeRenderer {

        private final List<Boolean> immature;
        private final List<Boolean> partial;
        private final Color color;

        MaturityRenderer(List<Boolean> immature, List<Boolean> partial, Color color) {
            super(true, true);
            this.immature = immature;
            this.partial = partial;
            this.color = color;
            setUseFillPaint(true);
        }

        @Override
        public Paint getItemFillPaint(int series, int item) {
            return partial.get(item) ? Color.WHITE : getItemPaint(series, item);
        }

        @Override
        public Stroke getItemOutlineStroke(int series, int item) {
            return PARTIAL_OUTLINE;
        }

        @Override
        public Paint getItemPaint(int series, int item) {
            return immature.get(item) ? ChartFiles.lighter(color) : super.getItemPaint(series, item);
        }

        @Override
        public Stroke getItemStroke(int series, int item) {
            return immature.get(item) ? IMMATURE_LINE : super.getItemStroke(series, item);
        }
    }

    /** Labels worked out beforehand: the share comes from the report's own conversion, not from the bar lengths. */
    private static final class BarLabels implements CategoryItemLabelGenerator {

        private final List<List<String>> labels;

        /** @param labels per dataset row (series), one label per column (step) */
        BarLabels(List<List<String>> labels) {
            this.labels = labels;
        }

        @Override
        public String generateLabel(CategoryDataset dataset, int row, int column) {
            return labels.get(row).get(column);
        }

        @Override
        public String generateRowLabel(CategoryDataset dataset, int row) {
            return dataset.getRowKey(row).toString();
        }

        @Override
        public String generateColumnLabel(CategoryDataset dataset, int column) {
            return dataset.getColumnKey(column).toString();
        }
    }
}
