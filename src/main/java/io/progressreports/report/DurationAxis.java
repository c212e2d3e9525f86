package io.progressreports.report;

import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;

import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.DoubleStream;

/**
 * A logarithmic axis of durations in seconds, its ticks at durations people read without arithmetic and labelled
 * with their unit ({@code 30 s}, {@code 2 min}, {@code 6 h}) instead of LogAxis's powers of ten.
 */
public final class DurationAxis extends LogAxis {

    /**
     * Tried tier by tier: a tick is kept only where its label has room, so a wide range shows 1 s, 10 s, 1 min,
     * 10 min and a narrow one adds 5 s, 30 s, 2 min in between.
     */
    private static final double[][] TIERS = {
            {1e-6, 1e-5, 1e-4, 0.001, 0.01, 0.1, 1, 10, 60, 600, 3_600, 86_400, 864_000},
            {5e-6, 5e-5, 5e-4, 0.005, 0.05, 0.5, 5, 30, 300, 1_800, 21_600, 432_000},
            {2e-6, 2e-5, 2e-4, 0.002, 0.02, 0.2, 2, 20, 120, 1_200, 7_200, 10_800, 43_200, 172_800}};

    public DurationAxis(String label) {
        super(label);
    }

    /** Every duration a tick can be at. */
    public static DoubleStream tickValues() {
        return Arrays.stream(TIERS).flatMapToDouble(Arrays::stream);
    }

    /** The tick values, ascending, for a duration axis over [lower, upper] seconds that is this many pixels long. */
    public static List<Double> durationTicks(double lower, double upper, double length, double spacing) {
        double pixelsPerDecade = length / (Math.log10(upper) - Math.log10(lower));
        List<Double> kept = new ArrayList<>();
        for (double[] tier : TIERS) {
            for (double seconds : tier) {
                double at = Math.log10(seconds) * pixelsPerDecade;
                if (seconds >= lower && seconds <= upper && kept.stream()
                        .allMatch(other -> Math.abs(Math.log10(other) * pixelsPerDecade - at) >= spacing)) {
                    kept.add(seconds);
                }
            }
        }
        kept.sort(Comparator.naturalOrder());
        return kept;
    }

    /** {@code 500 ms}, {@code 30 s}, {@code 2 min}, {@code 6 h}, {@code 1 d}: every tick value is whole in its unit. */
    public static String durationLabel(double seconds) {
        if (seconds < 0.001) {
            return Math.round(seconds * 1_000_000) + " µs";
        }
        if (seconds < 1) {
            return Math.round(seconds * 1_000) + " ms";
        }
        if (seconds < 60) {
            return Math.round(seconds) + " s";
        }
        if (seconds < 3_600) {
            return Math.round(seconds / 60) + " min";
        }
        return seconds < 86_400 ? Math.round(seconds / 3_600) + " h" : Math.round(seconds / 86_400) + " d";
    }

    /** At the left or right of the plot (a range axis), or at its top or bottom (a domain axis). */
    @Override
    public List<NumberTick> refreshTicks(Graphics2D g2, AxisState state, Rectangle2D dataArea, RectangleEdge edge) {
        FontMetrics metrics = g2.getFontMetrics(getTickLabelFont());
        boolean vertical = RectangleEdge.isLeftOrRight(edge);
        double spacing = vertical ? metrics.getHeight() * 1.6 : metrics.stringWidth("000 min") + 12;
        TextAnchor anchor = edge == RectangleEdge.RIGHT ? TextAnchor.CENTER_LEFT
                : edge == RectangleEdge.LEFT ? TextAnchor.CENTER_RIGHT
                : edge == RectangleEdge.TOP ? TextAnchor.BOTTOM_CENTER : TextAnchor.TOP_CENTER;
        List<NumberTick> ticks = new ArrayList<>();
        for (double seconds : durationTicks(getLowerBound(), getUpperBound(),
                vertical ? dataArea.getHeight() : dataArea.getWidth(), spacing)) {
            ticks.add(new NumberTick(TickType.MAJOR, seconds, durationLabel(seconds), anchor, anchor, 0.0));
        }
        return ticks;
    }
}
