package io.progressreports.funnel;

import io.progressreports.report.ChartFiles;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.CategoryItemLabelGenerator;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.category.DefaultCategoryDataset;
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
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** funnel.png and conversion_trend.png: the two charts an analyst opens before the CSVs. */
final class FunnelCharts {

    static final int FUNNEL_WIDTH = 1000;
    static final int FUNNEL_HEIGHT = 600;
    static final int TREND_WIDTH = 1200;
    static final int TREND_HEIGHT = 600;

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
     * One line per step from step 2 on over the cohort start dates. Immature cohorts are drawn lighter and dashed,
     * in a shaded band, because their shares can still rise. An empty list gives a chart that says so.
     */
    static void writeConversionTrend(List<ConversionPoint> points, String title, String subtitle, Path png) {
        List<ConversionPoint> shown = points.stream().filter(point -> point.stepNumber() > 1)
                .sorted(Comparator.comparingInt(ConversionPoint::stepNumber)
                        .thenComparing(ConversionPoint::cohortStart))
                .toList();
        Map<Integer, XYSeries> lines = new LinkedHashMap<>();
        Map<Integer, String> names = new LinkedHashMap<>();
        Map<Integer, List<Boolean>> immature = new LinkedHashMap<>();
        Map<Integer, List<Boolean>> partial = new LinkedHashMap<>();
        TreeMap<LocalDate, Cohort> cohorts = new TreeMap<>();
        for (ConversionPoint point : shown) {
            lines.computeIfAbsent(point.stepNumber(),
                            number -> new XYSeries(stepLabel(number, point.step()), false, false))
                    .add(ChartFiles.epochMillis(point.cohortStart()), point.conversionFromStart());
            names.putIfAbsent(point.stepNumber(), point.step());
            immature.computeIfAbsent(point.stepNumber(), number -> new ArrayList<>()).add(!point.mature());
            partial.computeIfAbsent(point.stepNumber(), number -> new ArrayList<>()).add(point.partial());
            cohorts.merge(point.cohortStart(), new Cohort(point.cohortStart(), point.cohortEnd(), point.mature()),
                    Cohort::and);
        }
        XYSeriesCollection dataset = new XYSeriesCollection();
        lines.values().forEach(dataset::addSeries);

        DateAxis cohortStart = ChartFiles.dateAxis("Cohort start", List.copyOf(cohorts.keySet()));
        NumberAxis conversion = ChartFiles.percentAxis("Share of the cohort's namespaces that reached the step");
        // Keyed like the lines, so in series order.
        List<Color> colors = names.values().stream().map(ChartFiles::stepColor).toList();
        MaturityRenderer renderer = new MaturityRenderer(new ArrayList<>(immature.values()),
                new ArrayList<>(partial.values()), colors);
        XYPlot plot = new XYPlot(dataset, cohortStart, conversion, renderer);
        plot.setNoDataMessage("no cohorts in range");
        JFreeChart chart = ChartFiles.chart(title, subtitle, plot);
        if (!cohorts.isEmpty()) {
            LegendTitle legend = new LegendTitle(plot);
            legend.setPosition(RectangleEdge.BOTTOM);
            legend.setMargin(new RectangleInsets(8, 0, 0, 0));
            chart.addSubtitle(legend);
            List<Cohort> ordered = new ArrayList<>(cohorts.values());
            var periods = new TreeMap<LocalDate, LocalDate>();
            ordered.forEach(cohort -> periods.put(cohort.start(), cohort.end()));
            double[] edges = ChartFiles.slotEdges(periods);
            cohortStart.setRange(edges[0], edges[ordered.size()]);
            immatureBands(ordered, edges).forEach(band -> plot.addDomainMarker(band, Layer.BACKGROUND));
        }

        ChartFiles.applyTheme(chart);
        for (int series = 0; series < dataset.getSeriesCount(); series++) {
            renderer.setSeriesPaint(series, colors.get(series));
            renderer.setSeriesStroke(series, ChartFiles.LINE);
            renderer.setSeriesShape(series, POINT);
        }
        boolean anyImmature = cohorts.values().stream().anyMatch(cohort -> !cohort.mature());
        boolean anyPartial = shown.stream().anyMatch(ConversionPoint::partial);
        if (anyImmature || anyPartial) {
            LegendItemCollection items = plot.getLegendItems();
            if (anyImmature) {
                items.add(new LegendItem("immature cohort (can still rise)", null, null, null,
                        new Line2D.Double(-10, 0, 10, 0), IMMATURE_LINE, Color.GRAY));
            }
            if (anyPartial) {
                items.add(partialLegendItem());
            }
            plot.setFixedLegendItems(items);
        }
        ChartFiles.write(chart, png, TREND_WIDTH, TREND_HEIGHT);
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
    private static List<IntervalMarker> immatureBands(List<Cohort> cohorts, double[] edges) {
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
            band.setLabel(IMMATURE_LABEL);
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

    /** A hollow dot, as the partial cohorts' points are drawn. */
    private static LegendItem partialLegendItem() {
        return new LegendItem("hollow: partial cohort, cut by the range (fewer days)", null, null, null, POINT,
                Color.WHITE, PARTIAL_OUTLINE, Color.GRAY);
    }

    private record Cohort(LocalDate start, LocalDate end, boolean mature) {

        Cohort and(Cohort other) {
            return new Cohort(start, end, mature && other.mature);
        }
    }

    /**
     * The item's own stroke and paint draw the segment that leads to it, so an immature cohort's segment is dashed;
     * a partial cohort's point is hollow.
     */
    private static final class MaturityRenderer extends XYLineAndShapeRenderer {

        private final List<List<Boolean>> immature;
        private final List<List<Boolean>> partial;
        private final List<Color> colors;

        MaturityRenderer(List<List<Boolean>> immature, List<List<Boolean>> partial, List<Color> colors) {
            super(true, true);
            this.immature = immature;
            this.partial = partial;
            this.colors = colors;
            setUseFillPaint(true);
        }

        @Override
        public Paint getItemFillPaint(int series, int item) {
            return partial.get(series).get(item) ? Color.WHITE : getItemPaint(series, item);
        }

        @Override
        public Stroke getItemOutlineStroke(int series, int item) {
            return PARTIAL_OUTLINE;
        }

        @Override
        public Paint getItemPaint(int series, int item) {
            return immature.get(series).get(item) ? ChartFiles.lighter(colors.get(series))
                    : super.getItemPaint(series, item);
        }

        @Override
        public Stroke getItemStroke(int series, int item) {
            return immature.get(series).get(item) ? IMMATURE_LINE : super.getItemStroke(series, item);
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
