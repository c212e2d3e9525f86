package io.progressreports.transfer;

import io.progressreports.report.ChartFiles;
import io.progressreports.report.DurationAxis;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.Range;
import org.jfree.data.xy.XYDataset;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.DoubleStream;
import java.util.stream.Stream;

/**
 * transfer_speed.png and step_duration.png. Both put a period's values at its start date, break a line where a
 * period has no value, and draw a median solid and its p90 dashed in the same hue.
 */
final class TransferCharts {

    static final int SPEED_WIDTH = 1200;
    static final int SPEED_HEIGHT = 700;
    static final int DURATION_WIDTH = 1200;
    static final int DURATION_HEIGHT = 600;
    static final int REJECTS_WIDTH = 1200;
    static final int REJECTS_HEIGHT = 600;
    /** Vermillion, the colour of a fault. */
    static final Color REJECTED = new Color(0xD55E00);

    private static final Stroke P90_LINE = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
            new float[] {8f, 5f}, 0f);
    /** Thinner and with shorter dashes than a median, in its step's own colour, so that it reads as that step's. */
    private static final Stroke STEP_P90_LINE = new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND,
            10f, new float[] {5f, 4f}, 0f);
    private static final Shape DOT = new Ellipse2D.Double(-4, -4, 8, 8);
    private static final Stroke HOLLOW_OUTLINE = new BasicStroke(2f);
    private static final Shape LEGEND_LINE = new Line2D.Double(-14, 0, 14, 0);
    private static final Shape LEGEND_BAR = new Rectangle2D.Double(-6, -6, 12, 12);

    private TransferCharts() {
    }

    /**
     * p50 and p90 speed above, the items transferred per period beneath, on one date axis. A range without a
     * single transfer gives a chart that says so.
     */
    static void writeTransferSpeed(List<SpeedPoint> points, String title, String subtitle, Path png) {
        List<SpeedPoint> shown = points.stream().anyMatch(point -> point.transfers() > 0)
                ? points.stream().sorted(Comparator.comparing(SpeedPoint::periodStart)).toList() : List.of();
        SortedMap<LocalDate, LocalDate> periods = new TreeMap<>();
        shown.forEach(point -> periods.putIfAbsent(point.periodStart(), point.periodEnd()));
        List<LocalDate> starts = List.copyOf(periods.keySet());
        double[] slots = ChartFiles.slotEdges(periods);

        PeriodLine p50 = new PeriodLine("p50");
        PeriodLine p90 = new PeriodLine("p90");
        XYIntervalSeries fullVolume = new XYIntervalSeries("full");
        XYIntervalSeries partialVolume = new XYIntervalSeries("partial");
        for (SpeedPoint point : shown) {
            p50.add(point.periodStart(), point.periodEnd(), point.p50ItemsPerSecond());
            p90.add(point.periodStart(), point.periodEnd(), point.p90ItemsPerSecond());
            int slot = Collections.binarySearch(starts, point.periodStart());
            (point.partial() ? partialVolume : fullVolume).add(
                    ChartFiles.epochMillis(point.periodStart()), slots[slot], slots[slot + 1], point.items(), 0,
                    point.items());
        }
        XYSeriesCollection speeds = new XYSeriesCollection();
        speeds.addSeries(p50.series);
        speeds.addSeries(p90.series);
        XYIntervalSeriesCollection volume = new XYIntervalSeriesCollection();
        volume.addSeries(fullVolume);
        volume.addSeries(partialVolume);

        GapLines lines = new GapLines(speeds, partialStarts(shown.stream().filter(SpeedPoint::partial)
                .map(SpeedPoint::periodStart)));
        NumberAxis speedAxis = ChartFiles.countAxis("items per second");
        XYPlot speedPlot = new XYPlot(speeds, null, speedAxis, lines);
        speedPlot.setNoDataMessage("no transfers in range");
        XYBarRenderer bars = new XYBarRenderer(0.2);
        NumberAxis volumeAxis = volumeAxis();
        XYPlot volumePlot = new XYPlot(volume, null, volumeAxis, bars);
        // Without data the axes' default 0 to 1 would read like a measurement.
        speedAxis.setTickLabelsVisible(!shown.isEmpty());
        volumeAxis.setTickLabelsVisible(!shown.isEmpty());
        DateAxis time = ChartFiles.dateAxis("Period start", starts);
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(time);
        plot.setGap(16);
        plot.add(speedPlot, 2);
        plot.add(volumePlot, 1);
        JFreeChart chart = ChartFiles.chart(title, subtitle, plot);
        if (!shown.isEmpty()) {
            time.setRange(slots[0], slots[slots.length - 1]);
            LegendItemCollection legend = new LegendItemCollection();
            legend.add(line("median (p50) speed", ChartFiles.LINE, ChartFiles.seriesColor(0)));
            legend.add(line("p90 speed: 1 in 10 transfers was faster", P90_LINE,
                    ChartFiles.lighter(ChartFiles.seriesColor(0))));
            legend.add(bar("items transferred", ChartFiles.VOLUME));
            if (shown.stream().anyMatch(SpeedPoint::partial)) {
                legend.add(bar("partial period (fewer days)", ChartFiles.lighter(ChartFiles.VOLUME)));
                legend.add(hollowDot());
            }
            addLegend(chart, plot, legend);
        }

        ChartFiles.applyTheme(chart);
        // The theme styles the message of the chart's own plot, but a subplot draws its own.
        speedPlot.setNoDataMessageFont(plot.getNoDataMessageFont());
        speedPlot.setNoDataMessagePaint(plot.getNoDataMessagePaint());
        lines.style(0, ChartFiles.seriesColor(0), ChartFiles.LINE);
        lines.style(1, ChartFiles.lighter(ChartFiles.seriesColor(0)), P90_LINE);
        bars.setSeriesPaint(0, ChartFiles.VOLUME);
        bars.setSeriesPaint(1, ChartFiles.lighter(ChartFiles.VOLUME));
        ChartFiles.write(chart, png, SPEED_WIDTH, SPEED_HEIGHT);
    }

    /**
     * One colour per step name, its median solid and its p90 dashed, on a logarithmic axis: steps that take
     * seconds and steps that take many minutes are read on one chart. A step's colour is
     * {@link ChartFiles#stepColor}'s, so it keeps it from run to run and database to database; the legend lists the slowest step first, as the lines stack. No
     * step timings give a chart that says so.
     */
    static void writeStepDuration(List<DurationPoint> points, String title, String subtitle, Path png) {
        Map<String, List<DurationPoint>> byStep = points.stream()
                .filter(point -> drawable(point.p50Seconds()) || drawable(point.p90Seconds()))
                .sorted(Comparator.comparing(DurationPoint::periodStart))
                .collect(Collectors.groupingBy(DurationPoint::step, TreeMap::new, Collectors.toList()));
        List<String> steps = List.copyOf(byStep.keySet());
        SortedMap<LocalDate, LocalDate> periods = new TreeMap<>();
        byStep.values().forEach(list -> list.forEach(point -> periods.putIfAbsent(point.periodStart(),
                point.periodEnd())));

        List<PeriodLine> medians = new ArrayList<>();
        List<PeriodLine> p90s = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            PeriodLine median = new PeriodLine("p50 " + i);
            PeriodLine p90 = new PeriodLine("p90 " + i);
            for (DurationPoint point : byStep.get(steps.get(i))) {
                median.add(point.periodStart(), point.periodEnd(), logValue(point.p50Seconds()));
                p90.add(point.periodStart(), point.periodEnd(), logValue(point.p90Seconds()));
            }
            medians.add(median);
            p90s.add(p90);
        }
        // Series 0 is drawn last: medians on top of the dashed p90s.
        XYSeriesCollection dataset = new XYSeriesCollection();
        medians.forEach(line -> dataset.addSeries(line.series));
        p90s.forEach(line -> dataset.addSeries(line.series));

        DurationAxis duration = new DurationAxis("duration (log scale)");
        // Without data the axis's default range would read like a measurement.
        duration.setTickLabelsVisible(!steps.isEmpty());
        GapLines lines = new GapLines(dataset, partialStarts(points.stream().filter(DurationPoint::partial)
                .map(DurationPoint::periodStart)));
        DateAxis time = ChartFiles.dateAxis("Period start", List.copyOf(periods.keySet()));
        XYPlot plot = new XYPlot(dataset, time, duration, lines);
        plot.setNoDataMessage("no step timings in range");
        JFreeChart chart = ChartFiles.chart(title, subtitle, plot);
        if (!steps.isEmpty()) {
            double[] slots = ChartFiles.slotEdges(periods);
            time.setRange(slots[0], slots[slots.length - 1]);
            duration.setRange(durationRange(byStep.values().stream().flatMap(List::stream).toList()));
            LegendItemCollection legend = new LegendItemCollection();
            Map<String, Double> typical = new TreeMap<>();
            byStep.forEach((step, list) -> typical.put(step, medianOf(list)));
            steps.stream()
                    .sorted(Comparator.comparing((String step) -> typical.get(step)).reversed()
                            .thenComparing(Comparator.naturalOrder()))
                    .forEach(step -> legend.add(line(step, ChartFiles.LINE,
                            ChartFiles.stepColor(step))));
            legend.add(line("solid: median (p50)", ChartFiles.LINE, ChartFiles.MUTED_TEXT));
            legend.add(line("thin dashed: p90, 1 in 10 took longer", STEP_P90_LINE, ChartFiles.MUTED_TEXT));
            if (byStep.values().stream().flatMap(List::stream).anyMatch(DurationPoint::partial)) {
                legend.add(hollowDot());
            }
            addLegend(chart, plot, legend);
        }

        ChartFiles.applyTheme(chart);
        for (int i = 0; i < steps.size(); i++) {
            lines.style(i, ChartFiles.stepColor(steps.get(i)), ChartFiles.LINE);
            lines.style(steps.size() + i, ChartFiles.stepColor(steps.get(i)), STEP_P90_LINE);
        }
        ChartFiles.write(chart, png, DURATION_WIDTH, DURATION_HEIGHT);
    }

    /**
     * Rejected transfers per period above, untimed ones beneath, each on its own count scale (a source whose older
     * deployments have no timings has far more untimed transfers than rejects), partial periods lighter. A range
     * with neither gives a chart that says so.
     */
    static void writeRejectsAndUntimed(List<RejectPoint> points, String title, String subtitle, Path png) {
        List<RejectPoint> shown = points.stream().anyMatch(point -> point.rejected() + point.untimed() > 0)
                ? points.stream().sorted(Comparator.comparing(RejectPoint::periodStart)).toList() : List.of();
        SortedMap<LocalDate, LocalDate> periods = new TreeMap<>();
        shown.forEach(point -> periods.putIfAbsent(point.periodStart(), point.periodEnd()));
        List<LocalDate> starts = List.copyOf(periods.keySet());
        double[] slots = ChartFiles.slotEdges(periods);
        DateAxis time = ChartFiles.dateAxis("Period start", starts);
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(time);
        plot.setGap(16);
        List<XYPlot> panels = new ArrayList<>();
        List<XYBarRenderer> renderers = new ArrayList<>();
        for (boolean rejected : new boolean[] {true, false}) {
            XYIntervalSeries whole = new XYIntervalSeries("whole");
            XYIntervalSeries partial = new XYIntervalSeries("partial");
            for (RejectPoint point : shown) {
                int slot = Collections.binarySearch(starts, point.periodStart());
                long count = rejected ? point.rejected() : point.untimed();
                (point.partial() ? partial : whole).add(ChartFiles.epochMillis(point.periodStart()), slots[slot],
                        slots[slot + 1], count, 0, count);
            }
            XYIntervalSeriesCollection dataset = new XYIntervalSeriesCollection();
            dataset.addSeries(whole);
            dataset.addSeries(partial);
            NumberAxis counts = ChartFiles.countAxis(rejected ? "rejected" : "untimed");
            counts.setTickLabelsVisible(!shown.isEmpty());
            XYBarRenderer bars = new XYBarRenderer(0.2);
            XYPlot panel = new XYPlot(dataset, null, counts, bars);
            panel.setNoDataMessage(rejected ? "no rejected or untimed transfers in range" : null);
            plot.add(panel, 1);
            panels.add(panel);
            renderers.add(bars);
        }
        JFreeChart chart = ChartFiles.chart(title, subtitle, plot);
        if (!shown.isEmpty()) {
            time.setRange(slots[0], slots[slots.length - 1]);
            LegendItemCollection legend = new LegendItemCollection();
            legend.add(bar("rejected by a rule (rejects.csv)", REJECTED));
            legend.add(bar("completed without a timing row", ChartFiles.VOLUME));
            if (shown.stream().anyMatch(RejectPoint::partial)) {
                legend.add(bar("lighter: partial period (fewer days)", ChartFiles.lighter(ChartFiles.VOLUME)));
            }
            addLegend(chart, plot, legend);
        }
        ChartFiles.applyTheme(chart);
        panels.forEach(panel -> {
            panel.setNoDataMessageFont(plot.getNoDataMessageFont());
            panel.setNoDataMessagePaint(plot.getNoDataMessagePaint());
        });
        renderers.get(0).setSeriesPaint(0, REJECTED);
        renderers.get(0).setSeriesPaint(1, ChartFiles.lighter(REJECTED));
        renderers.get(1).setSeriesPaint(0, ChartFiles.VOLUME);
        renderers.get(1).setSeriesPaint(1, ChartFiles.lighter(ChartFiles.VOLUME));
        ChartFiles.write(chart, png, REJECTS_WIDTH, REJECTS_HEIGHT);
    }

    /**
     * At least a decade, so that there are ticks to read even when every step takes about as long, and a margin
     * so that no line runs along the plot's edge.
     */
    private static Range durationRange(List<DurationPoint> points) {
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (DurationPoint point : points) {
            for (double seconds : new double[] {point.p50Seconds(), point.p90Seconds()}) {
                if (drawable(seconds)) {
                    low = Math.min(low, Math.log10(seconds));
                    high = Math.max(high, Math.log10(seconds));
                }
            }
        }
        double pad = Math.max(0, 1 - (high - low)) / 2 + 0.08;
        return new Range(outToTick(Math.pow(10, low - pad), false), outToTick(Math.pow(10, high + pad), true));
    }

    /** The nearest tick duration beyond a bound when it is close, so that the axis ends on a label. */
    private static double outToTick(double bound, boolean up) {
        DoubleStream ticks = DurationAxis.tickValues();
        OptionalDouble tick = up ? ticks.filter(seconds -> seconds >= bound).min()
                : ticks.filter(seconds -> seconds <= bound).max();
        return tick.isPresent() && Math.abs(Math.log10(tick.getAsDouble() / bound)) <= 0.25 ? tick.getAsDouble()
                : bound;
    }

    /** The median of a step's period medians: where its line sits, for the legend's order. */
    private static double medianOf(List<DurationPoint> points) {
        double[] values = points.stream().mapToDouble(DurationPoint::p50Seconds).filter(TransferCharts::drawable)
                .sorted().toArray();
        return values.length == 0 ? 0 : values[(values.length - 1) / 2];
    }

    /** A log axis has no place for zero. */
    private static double logValue(double seconds) {
        return drawable(seconds) ? seconds : Double.NaN;
    }

    private static boolean drawable(double seconds) {
        return seconds > 0 && Double.isFinite(seconds);
    }

    /**
     * The backtest's errors by day: the model's median error solid, the naive rule's in another colour, each
     * one's p90 dashed in its lighter shade, on a percent axis. Days not predicted break the lines.
     */
    static void writeEtaBacktest(List<EtaBacktest.Row> rows, String title, String subtitle, Path png) {
        List<EtaBacktest.Row> shown = rows.stream().anyMatch(row -> !Double.isNaN(row.modelMedianError()))
                ? rows : List.of();
        PeriodLine model = new PeriodLine("model p50");
        PeriodLine naive = new PeriodLine("naive p50");
        PeriodLine modelP90 = new PeriodLine("model p90");
        PeriodLine naiveP90 = new PeriodLine("naive p90");
        var days = new ArrayList<LocalDate>();
        for (EtaBacktest.Row row : shown) {
            LocalDate next = row.day().plusDays(1);
            model.add(row.day(), next, row.modelMedianError());
            naive.add(row.day(), next, row.naiveMedianError());
            modelP90.add(row.day(), next, row.modelP90Error());
            naiveP90.add(row.day(), next, row.naiveP90Error());
            days.add(row.day());
        }
        XYSeriesCollection errors = new XYSeriesCollection();
        errors.addSeries(model.series);
        errors.addSeries(naive.series);
        errors.addSeries(modelP90.series);
        errors.addSeries(naiveP90.series);
        GapLines lines = new GapLines(errors, Set.of());
        NumberAxis errorAxis = new NumberAxis("|predicted - actual| / actual");
        errorAxis.setNumberFormatOverride(ChartFiles.percentFormat(0));
        errorAxis.setAutoRangeIncludesZero(true);
        errorAxis.setTickLabelsVisible(!shown.isEmpty());
        DateAxis time = ChartFiles.dateAxis("Day predicted", days);
        XYPlot plot = new XYPlot(errors, time, errorAxis, lines);
        plot.setNoDataMessage("no day with a model to test");
        JFreeChart chart = ChartFiles.chart(title, subtitle, plot);
        if (!shown.isEmpty()) {
            LegendItemCollection legend = new LegendItemCollection();
            legend.add(line("model (p50 line of the hour): median error", ChartFiles.LINE,
                    ChartFiles.seriesColor(0)));
            legend.add(line("naive (items / median speed): median error", ChartFiles.LINE,
                    ChartFiles.seriesColor(1)));
            legend.add(line("model: p90 error", P90_LINE, ChartFiles.lighter(ChartFiles.seriesColor(0))));
            legend.add(line("naive: p90 error", P90_LINE, ChartFiles.lighter(ChartFiles.seriesColor(1))));
            addLegend(chart, plot, legend);
        }
        ChartFiles.applyTheme(chart);
        lines.style(0, ChartFiles.seriesColor(0), ChartFiles.LINE);
        lines.style(1, ChartFiles.seriesColor(1), ChartFiles.LINE);
        lines.style(2, ChartFiles.lighter(ChartFiles.seriesColor(0)), P90_LINE);
        lines.style(3, ChartFiles.lighter(ChartFiles.seriesColor(1)), P90_LINE);
        ChartFiles.write(chart, png, DURATION_WIDTH, DURATION_HEIGHT);
    }

    /** 1.5M rather than 1,500,000: a month's volume would otherwise need the widest labels on the chart. */
    private static NumberAxis volumeAxis() {
        NumberAxis axis = ChartFiles.countAxis("items transferred");
        NumberFormat compact = NumberFormat.getCompactNumberInstance(ChartFiles.LOCALE, NumberFormat.Style.SHORT);
        compact.setMaximumFractionDigits(2);
        axis.setNumberFormatOverride(compact);
        return axis;
    }

    private static LegendItem line(String label, Stroke stroke, Color color) {
        return new LegendItem(label, null, null, null, LEGEND_LINE, stroke, color);
    }

    private static LegendItem hollowDot() {
        return new LegendItem("hollow dot: partial period, cut by the range (fewer days)", null, null, null, DOT,
                Color.WHITE, HOLLOW_OUTLINE, ChartFiles.MUTED_TEXT);
    }

    private static Set<Double> partialStarts(Stream<LocalDate> starts) {
        return starts.map(start -> (double) ChartFiles.epochMillis(start)).collect(Collectors.toSet());
    }

    private static LegendItem bar(String label, Color color) {
        return new LegendItem(label, null, null, null, LEGEND_BAR, color);
    }

    private static void addLegend(JFreeChart chart, XYPlot plot, LegendItemCollection items) {
        plot.setFixedLegendItems(items);
        LegendTitle legend = new LegendTitle(plot);
        legend.setPosition(RectangleEdge.BOTTOM);
        legend.setMargin(new RectangleInsets(8, 0, 0, 0));
        chart.addSubtitle(legend);
    }

    /** One line over consecutive periods; a period without a value, or missing from the list, breaks it. */
    private static final class PeriodLine {

        final XYSeries series;
        private LocalDate expectedStart;

        PeriodLine(String key) {
            series = new XYSeries(key, false, true);
        }

        void add(LocalDate start, LocalDate end, double value) {
            if (expectedStart != null && expectedStart.isBefore(start)) {
                series.add(ChartFiles.epochMillis(expectedStart), null);
            }
            series.add(ChartFiles.epochMillis(start), Double.isNaN(value) ? null : value);
            expectedStart = end;
        }
    }

    /**
     * Lines with a dot only on a value with no neighbour to join (a single period, or one between gaps), and a
     * hollow dot on a partial period's value.
     */
    private static final class GapLines extends XYLineAndShapeRenderer {

        private final XYDataset dataset;
        private final Set<Double> partialStarts;

        /** @param partialStarts the x values ({@link ChartFiles#epochMillis}) of the partial periods */
        GapLines(XYDataset dataset, Set<Double> partialStarts) {
            super(true, false);
            this.dataset = dataset;
            this.partialStarts = partialStarts;
            setUseFillPaint(true);
        }

        @Override
        public Paint getItemFillPaint(int series, int item) {
            return partial(series, item) ? Color.WHITE : getItemPaint(series, item);
        }

        @Override
        public Stroke getItemOutlineStroke(int series, int item) {
            return HOLLOW_OUTLINE;
        }

        private boolean partial(int series, int item) {
            return partialStarts.contains(dataset.getXValue(series, item));
        }

        /** The theme resets series styles, so call it after {@link ChartFiles#applyTheme}. */
        void style(int series, Color color, Stroke stroke) {
            setSeriesPaint(series, color);
            setSeriesStroke(series, stroke);
            setSeriesShape(series, DOT);
        }

        @Override
        public boolean getItemShapeVisible(int series, int item) {
            return present(series, item) && (partial(series, item)
                    || !present(series, item - 1) && !present(series, item + 1));
        }

        private boolean present(int series, int item) {
            return item >= 0 && item < dataset.getItemCount(series) && !Double.isNaN(dataset.getYValue(series, item));
        }
    }
}
