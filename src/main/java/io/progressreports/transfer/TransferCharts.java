package io.progressreports.transfer;

import io.progressreports.report.ChartFiles;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.util.List;
import java.util.TreeSet;

/** The transfer-speed job's two charts, in the shared look of {@link ChartFiles}. */
final class TransferCharts {

    static final int SPEED_WIDTH = 1200;
    static final int SPEED_HEIGHT = 700;
    static final int DURATION_WIDTH = 1200;
    static final int DURATION_HEIGHT = 600;
    private static final BasicStroke P90_LINE = new BasicStroke(1.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND,
            1f, new float[] {6f, 4f}, 0f);

    private TransferCharts() {
    }

    /** p50 and p90 speed over time above, the items transferred per period beneath, on one date axis. */
    static void writeTransferSpeed(List<SpeedPoint> points, String title, String subtitle, Path png) {
        var p50 = new XYSeries("median (p50) speed", false, true);
        var p90 = new XYSeries("p90 speed", false, true);
        var volume = new XYSeries("items transferred", false, true);
        for (SpeedPoint point : points) {
            long x = ChartFiles.epochMillis(point.periodStart());
            // A null y leaves a gap: a period without transfers has no speed, not a speed of zero.
            p50.add(x, Double.isNaN(point.p50ItemsPerSecond()) ? null : point.p50ItemsPerSecond());
            p90.add(x, Double.isNaN(point.p90ItemsPerSecond()) ? null : point.p90ItemsPerSecond());
            volume.add(x, point.items());
        }
        var speeds = new XYSeriesCollection();
        speeds.addSeries(p50);
        speeds.addSeries(p90);
        var lines = new XYLineAndShapeRenderer(true, false);
        XYPlot speedPlot = new XYPlot(speeds, null, ChartFiles.countAxis("items per second"), lines);

        var bars = new XYBarRenderer(0.15);
        bars.setBarPainter(new StandardXYBarPainter());
        bars.setShadowVisible(false);
        XYPlot volumePlot = new XYPlot(new XYSeriesCollection(volume), null,
                ChartFiles.countAxis("items transferred"), bars);

        DateAxis time = ChartFiles.dateAxis("Period start", points.stream().map(SpeedPoint::periodStart).toList());
        var combined = new CombinedDomainXYPlot(time);
        combined.setGap(12);
        combined.add(speedPlot, 2);
        combined.add(volumePlot, 1);
        combined.setNoDataMessage("no transfers in range");
        JFreeChart chart = ChartFiles.chart(title, subtitle, combined);
        addLegend(chart, combined);
        ChartFiles.applyTheme(chart);
        lines.setSeriesPaint(0, ChartFiles.seriesColor(0));
        lines.setSeriesStroke(0, ChartFiles.LINE);
        lines.setSeriesPaint(1, ChartFiles.seriesColor(1));
        lines.setSeriesStroke(1, P90_LINE);
        bars.setSeriesPaint(0, ChartFiles.GRID.darker());
        ChartFiles.writePng(chart, png, SPEED_WIDTH, SPEED_HEIGHT);
    }

    /** Per step, the median duration (solid) and p90 (dashed, same colour), on a log axis: steps differ tenfold. */
    static void writeStepDuration(List<DurationPoint> points, String title, String subtitle, Path png) {
        var dataset = new XYSeriesCollection();
        var steps = new TreeSet<String>();
        points.forEach(point -> steps.add(point.step()));
        for (String step : steps) {
            var median = new XYSeries(step + " (median)", false, true);
            var p90 = new XYSeries(step + " (p90)", false, true);
            for (DurationPoint point : points) {
                if (point.step().equals(step) && point.steps() > 0) {
                    median.add(ChartFiles.epochMillis(point.periodStart()), Math.max(0.001, point.p50Seconds()));
                    p90.add(ChartFiles.epochMillis(point.periodStart()), Math.max(0.001, point.p90Seconds()));
                }
            }
            dataset.addSeries(median);
            dataset.addSeries(p90);
        }
        var seconds = new LogAxis("seconds (log scale)");
        seconds.setNumberFormatOverride(new DecimalFormat("#,##0.#", DecimalFormatSymbols.getInstance(ChartFiles.LOCALE)));
        seconds.setSmallestValue(0.001);
        var lines = new XYLineAndShapeRenderer(true, false);
        List<LocalDate> starts = points.stream().map(DurationPoint::periodStart).distinct().sorted().toList();
        XYPlot plot = new XYPlot(dataset, ChartFiles.dateAxis("Period start", starts), seconds, lines);
        plot.setNoDataMessage("no step timings in range");
        JFreeChart chart = ChartFiles.chart(title, subtitle, plot);
        addLegend(chart, plot);
        ChartFiles.applyTheme(chart);
        for (int series = 0; series < dataset.getSeriesCount(); series++) {
            lines.setSeriesPaint(series, ChartFiles.seriesColor(series / 2));
            lines.setSeriesStroke(series, series % 2 == 0 ? ChartFiles.LINE : P90_LINE);
        }
        ChartFiles.writePng(chart, png, DURATION_WIDTH, DURATION_HEIGHT);
    }

    private static void addLegend(JFreeChart chart, org.jfree.chart.plot.Plot plot) {
        var legend = new LegendTitle(plot);
        legend.setPosition(RectangleEdge.BOTTOM);
        chart.addSubtitle(legend);
    }
}
