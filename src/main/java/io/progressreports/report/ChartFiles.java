package io.progressreports.report;

import io.progressreports.failure.OutputException;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.DateTick;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.DefaultDrawingSupplier;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.title.Title;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.Range;
import org.jfree.data.RangeType;
import org.jfree.svg.SVGGraphics2D;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.GraphicsEnvironment;
import java.awt.Stroke;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TimeZone;

/**
 * The look every report chart shares, and PNG files that are byte-identical for the same data.
 *
 * <p>JFreeChart takes the default locale and time zone for tick labels and date positions, and the logical fonts
 * resolve through whatever the machine has. A nightly run and a rerun on another account must give the same file
 * (the manifest records its sha256), so the font family, the locale and the time zone are pinned here: build value
 * axes with {@link #countAxis}, {@link #percentAxis} and {@link #dateAxis}, put dates on the x axis with
 * {@link #epochMillis}, and format label numbers with {@link #countFormat} and {@link #percentFormat}.
 */
public final class ChartFiles {

    static {
        // Must happen before the first AWT class loads; an explicit setting by the launcher wins.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** English rather than the machine's locale: month names, grouping and decimal marks do not follow the host. */
    public static final Locale LOCALE = Locale.ENGLISH;

    /** DejaVu Sans (Debian fonts-dejavu-core), or the JDK's logical sans serif font where it is not installed. */
    public static final String FONT_FAMILY = pickFontFamily("DejaVu Sans");

    public static final Color TEXT = new Color(0x222222);
    public static final Color MUTED_TEXT = new Color(0x555555);
    public static final Color GRID = new Color(0xCCCCCC);
    /** Grey, for counts beneath a chart's lines (items, namespaces): context that does not compete with them. */
    public static final Color VOLUME = new Color(0x8C9BAB);

    /** Okabe-Ito colours, told apart with the common colour-vision deficiencies; yellow last, it is faint on white. */
    private static final Color[] SERIES_COLORS = {
            new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73), new Color(0xCC79A7),
            new Color(0xE69F00), new Color(0x56B4E9), new Color(0x000000), new Color(0x8C564B),
            new Color(0x7F7F7F), new Color(0xF0E442)};

    /**
     * The demo's steps, each fixed to a colour of its own: the funnel's, then the deployment's (never on one chart
     * with the funnel's, so they may share colours).
     */
    private static final Map<String, Integer> KNOWN_STEPS = Map.ofEntries(
            Map.entry("git_write", 0), Map.entry("merge_request_created", 1), Map.entry("pipeline_created", 2),
            Map.entry("trial_started", 3), Map.entry("subscription_created", 4), Map.entry("user_added", 5),
            Map.entry("preparing", 0), Map.entry("building", 1), Map.entry("transfer_files", 2),
            Map.entry("running_migrations", 3), Map.entry("finishing", 4));

    public static final Stroke LINE = new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);

    /** Dates are placed at midnight UTC and the date axis reads them in UTC, so no host zone shifts a day. */
    private static final TimeZone AXIS_ZONE = TimeZone.getTimeZone("UTC");

    private static final StandardChartTheme THEME = theme();

    private ChartFiles() {
    }

    /** The colour the theme gives the series at this index, for charts that paint series themselves. */
    public static Color seriesColor(int index) {
        return SERIES_COLORS[index % SERIES_COLORS.length];
    }

    /**
     * A step's colour, the same on every chart, run and database: a step of the demo has its own, any other name
     * gets one by its hash ({@link String#hashCode} is fixed by the language, not by the JVM), leaving out the faint
     * yellow. With nine colours two steps of one chart can share a colour; the legend still names each line.
     */
    public static Color stepColor(String step) {
        Integer known = KNOWN_STEPS.get(step);
        return SERIES_COLORS[known != null ? known : Math.floorMod(step.hashCode(), SERIES_COLORS.length - 1)];
    }

    public static Font font(int style, int size) {
        return new Font(FONT_FAMILY, style, size);
    }

    /**
     * Fonts, colours and flat bars for every part of the chart. Call it once the plot, axes, renderers and
     * subtitles are in place, and before styling single series: the theme resets series paints and strokes.
     */
    public static void applyTheme(JFreeChart chart) {
        THEME.apply(chart);
        // On the right, room for half a date label: the newest cohort's tick sits near the plot's edge.
        chart.setPadding(new RectangleInsets(10, 12, 10, 40));
        chart.getPlot().setNoDataMessageFont(font(Font.PLAIN, 18));
        chart.getPlot().setNoDataMessagePaint(MUTED_TEXT);
        // The theme gives subtitles the bold axis-label font; a subtitle is context, not a heading.
        for (int i = 0; i < chart.getSubtitleCount(); i++) {
            Title subtitle = chart.getSubtitle(i);
            if (subtitle instanceof TextTitle) {
                TextTitle text = (TextTitle) subtitle;
                text.setFont(font(Font.PLAIN, 13));
                text.setPaint(MUTED_TEXT);
                text.setPadding(new RectangleInsets(2, 0, 8, 0));
            }
        }
    }

    /** A title and a subtitle in the report's fonts, no legend: add one with the plot's items where it helps. */
    public static JFreeChart chart(String title, String subtitle, Plot plot) {
        JFreeChart chart = new JFreeChart(title, font(Font.BOLD, 20), plot, false);
        chart.addSubtitle(new TextTitle(subtitle));
        return chart;
    }

    /** Whole numbers with English grouping, ticks never at fractions of a namespace or an item. */
    public static NumberAxis countAxis(String label) {
        NumberAxis axis = new NumberAxis(label);
        axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits(LOCALE));
        axis.setAutoRangeIncludesZero(true);
        // All zeros would otherwise centre 0 on an axis from -0.5 to 0.5.
        axis.setRangeType(RangeType.POSITIVE);
        axis.setAutoRangeMinimumSize(1.0);
        return axis;
    }

    /** For fractions 0..1 shown as 0%..100% in steps of 10, fixed so that charts of different runs compare. */
    public static NumberAxis percentAxis(String label) {
        NumberAxis axis = new NumberAxis(label);
        axis.setRange(new Range(0.0, 1.0), true, false);
        axis.setTickUnit(new NumberTickUnit(0.1, percentFormat(0)), false, true);
        return axis;
    }

    /**
     * A date axis with its ticks and grid lines at the given dates (the cohort or period starts), leaving out a date
     * whose label would run into the previous one, so each label names points drawn above it, whether they are
     * days, ISO weeks or months. Labels are ISO dates, as in the CSVs. Put values on it with {@link #epochMillis}.
     */
    public static DateAxis dateAxis(String label, List<LocalDate> tickDates) {
        return new DatesAxis(label, tickDates);
    }

    /** The x value of a date on a {@link #dateAxis}. */
    public static long epochMillis(LocalDate date) {
        return date.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    /**
     * The x extent each period owns on a {@link #dateAxis}, as {@code n + 1} edges in epoch millis (none for no
     * periods): from halfway after the previous period's start to halfway before the next one's, the outer two
     * reaching half their own length outwards. Bars drawn in these slots never overlap, even where a range clips its
     * first or last period short, and an axis from the first edge to the last centres every period's point.
     *
     * @param periods each period's start, mapped to its exclusive end
     */
    public static double[] slotEdges(SortedMap<LocalDate, LocalDate> periods) {
        if (periods.isEmpty()) {
            return new double[0];
        }
        List<LocalDate> starts = List.copyOf(periods.keySet());
        double[] edges = new double[starts.size() + 1];
        LocalDate first = starts.get(0);
        LocalDate last = starts.get(starts.size() - 1);
        edges[0] = epochMillis(first) - (epochMillis(periods.get(first)) - epochMillis(first)) / 2.0;
        for (int i = 1; i < starts.size(); i++) {
            edges[i] = (epochMillis(starts.get(i - 1)) + epochMillis(starts.get(i))) / 2.0;
        }
        edges[starts.size()] = epochMillis(last) + (epochMillis(periods.get(last)) - epochMillis(last)) / 2.0;
        return edges;
    }

    /** Halfway to white: the same hue for a secondary line (a p90 beside its median) or a set-apart value. */
    public static Color lighter(Color color) {
        return new Color((color.getRed() + 255) / 2, (color.getGreen() + 255) / 2, (color.getBlue() + 255) / 2);
    }

    /** {@code 12,345}. A new instance per call: formats are not thread-safe. */
    public static NumberFormat countFormat() {
        return NumberFormat.getIntegerInstance(LOCALE);
    }

    /** {@code 41.2%} for 0.412 with one decimal. A new instance per call: formats are not thread-safe. */
    public static NumberFormat percentFormat(int decimals) {
        NumberFormat format = NumberFormat.getPercentInstance(LOCALE);
        format.setMinimumFractionDigits(decimals);
        format.setMaximumFractionDigits(decimals);
        return format;
    }

    /**
     * Writes the chart as {@code png} and as an SVG twin beside it (the same name ending in .svg), which the report's
     * page shows because it stays sharp when zoomed. The PNG is rendered on an opaque image and encoded as ImageIO's
     * PNG writer would ({@link PngEncoder}), with no time or host in the file; the SVG's ids come from a fixed prefix
     * and a counter (JFreeSVG's default prefix is random): so equal charts give equal bytes in both.
     *
     * @throws OutputException when a file cannot be written
     */
    public static void write(JFreeChart chart, Path png, int width, int height) {
        BufferedImage image = chart.createBufferedImage(width, height, BufferedImage.TYPE_INT_RGB, null);
        var svg = new SVGGraphics2D(width, height);
        svg.setDefsKeyPrefix("chart");
        chart.draw(svg, new Rectangle(0, 0, width, height));
        Path svgFile = svgOf(png);
        try {
            try (var out = new BufferedOutputStream(Files.newOutputStream(png), 1 << 16)) {
                PngEncoder.write(image, out);
            }
            Files.writeString(svgFile, svg.getSVGDocument(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new OutputException("cannot write " + png + " or " + svgFile + ": " + e.getMessage(), e);
        }
    }

    /** The SVG twin's name of a chart's PNG, for the report's list of files. */
    public static String svgOf(String png) {
        return png.substring(0, png.length() - ".png".length()) + ".svg";
    }

    private static Path svgOf(Path png) {
        return png.resolveSibling(svgOf(png.getFileName().toString()));
    }

    private static String pickFontFamily(String wanted) {
        String[] installed = GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames(Locale.ROOT);
        return Arrays.asList(installed).contains(wanted) ? wanted : Font.SANS_SERIF;
    }

    /** JFreeChart's own tick units would place weekly ticks on day-of-month multiples, between the weeks. */
    private static final class DatesAxis extends DateAxis {

        private static final String WIDEST_LABEL = "0000-00-00";

        private final List<LocalDate> dates;

        DatesAxis(String label, List<LocalDate> dates) {
            super(label, AXIS_ZONE, LOCALE);
            this.dates = dates.stream().sorted().toList();
        }

        @Override
        public List<DateTick> refreshTicks(Graphics2D g2, AxisState state, Rectangle2D dataArea, RectangleEdge edge) {
            FontMetrics metrics = g2.getFontMetrics(getTickLabelFont());
            double needed = RectangleEdge.isTopOrBottom(edge) ? metrics.stringWidth(WIDEST_LABEL) + 6
                    : metrics.getHeight() + 4;
            TextAnchor anchor = edge == RectangleEdge.TOP ? TextAnchor.BOTTOM_CENTER
                    : edge == RectangleEdge.BOTTOM ? TextAnchor.TOP_CENTER
                    : edge == RectangleEdge.LEFT ? TextAnchor.CENTER_RIGHT : TextAnchor.CENTER_LEFT;
            List<DateTick> ticks = new ArrayList<>();
            double kept = Double.POSITIVE_INFINITY;
            // From the newest date back, so the latest cohort always has its label, and by distance rather than by
            // count: months differ in length, and a range that starts mid-week or mid-month clips the first cohort.
            for (int i = dates.size() - 1; i >= 0; i--) {
                LocalDate date = dates.get(i);
                double position = valueToJava2D(epochMillis(date), dataArea, edge);
                if (Math.abs(kept - position) >= needed) {
                    ticks.add(0, new DateTick(new Date(epochMillis(date)), date.toString(), anchor, anchor, 0.0));
                    kept = position;
                }
            }
            return ticks;
        }
    }

    private static StandardChartTheme theme() {
        StandardChartTheme theme = new StandardChartTheme("progress-reports");
        theme.setExtraLargeFont(font(Font.BOLD, 20));
        theme.setLargeFont(font(Font.PLAIN, 14));
        theme.setRegularFont(font(Font.PLAIN, 13));
        theme.setSmallFont(font(Font.PLAIN, 11));
        theme.setTitlePaint(TEXT);
        theme.setSubtitlePaint(MUTED_TEXT);
        theme.setChartBackgroundPaint(Color.WHITE);
        theme.setLegendBackgroundPaint(Color.WHITE);
        theme.setLegendItemPaint(TEXT);
        theme.setPlotBackgroundPaint(Color.WHITE);
        theme.setPlotOutlinePaint(GRID);
        theme.setDomainGridlinePaint(GRID);
        theme.setRangeGridlinePaint(GRID);
        theme.setBaselinePaint(MUTED_TEXT);
        theme.setAxisLabelPaint(TEXT);
        theme.setTickLabelPaint(TEXT);
        theme.setItemLabelPaint(TEXT);
        theme.setAxisOffset(RectangleInsets.ZERO_INSETS);
        theme.setBarPainter(new StandardBarPainter());
        theme.setXYBarPainter(new StandardXYBarPainter());
        theme.setShadowVisible(false);
        theme.setDrawingSupplier(new DefaultDrawingSupplier(SERIES_COLORS,
                DefaultDrawingSupplier.DEFAULT_FILL_PAINT_SEQUENCE,
                DefaultDrawingSupplier.DEFAULT_OUTLINE_PAINT_SEQUENCE, new Stroke[] {LINE},
                DefaultDrawingSupplier.DEFAULT_OUTLINE_STROKE_SEQUENCE,
                DefaultDrawingSupplier.DEFAULT_SHAPE_SEQUENCE));
        return theme;
    }
}
