package io.progressreports.transfer;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * How long a transfer of N items will take, by the hour of day it starts: per hour a line at p50 and one at p90
 * ({@link EtaFit}), fitted to the transfers of a window of days, and the same over all hours for an hour with too
 * few transfers of its own. Pure.
 * <p>
 * Why per hour and not per size bucket and hour: within one size bucket (a decade of items) the overhead and the
 * rate trade off against each other and are not identified (the small buckets are nearly all overhead, so their
 * rate is noise), while one hour's transfers span every size, from a few items to tens of thousands, and pin both.
 * The line then serves every size, also between and beyond the buckets' typical values.
 *
 * @param from        the window's first day
 * @param to          its last day (inclusive)
 * @param allHoursP50 null with fewer than {@link EtaFit#MIN_TRANSFERS} transfers in the window
 * @param p50ByHour   24 lines, null for an hour with too few transfers
 * @param p90ByHour   24 lines, null for an hour with too few transfers; all null for a model fitted for p50 only
 */
public record EtaModel(LocalDate from, LocalDate to, long transfers, EtaFit.Line allHoursP50,
                       EtaFit.Line allHoursP90, List<EtaFit.Line> p50ByHour, List<EtaFit.Line> p90ByHour) {

    /** The days the model of a report and of each backtest day is fitted to: the last four weeks. */
    public static final int WINDOW_DAYS = 28;

    /** Fits the window's points: p50 and, with {@code withP90}, p90 lines per hour and over all hours. */
    public static EtaModel fit(LocalDate from, LocalDate to, EtaPoints window, boolean withP90) {
        return fit(from, to, window.all(), withP90);
    }

    /**
     * The same from the window's points as {@link EtaPoints#all()} gives them, in key order: each hour's points are
     * one run of them, so the window is turned into points once, not once more per hour.
     */
    public static EtaModel fit(LocalDate from, LocalDate to, EtaPoints.Point[] all, boolean withP90) {
        var p50 = new ArrayList<EtaFit.Line>();
        var p90 = new ArrayList<EtaFit.Line>();
        int start = 0;
        for (int hour = 0; hour < TransferCells.HOURS; hour++) {
            int end = start;
            while (end < all.length && all[end].hour() == hour) {
                end++;
            }
            EtaPoints.Point[] points = Arrays.copyOfRange(all, start, end);
            start = end;
            p50.add(EtaFit.fit(points, 0.5));
            p90.add(withP90 ? EtaFit.fit(points, 0.9) : null);
        }
        long transfers = Arrays.stream(all).mapToLong(EtaPoints.Point::count).sum();
        // The all-hours lines are only a fallback: fitted only when some hour needs one, or for the file.
        boolean fallback = withP90 || p50.contains(null);
        return new EtaModel(from, to, transfers, fallback ? EtaFit.fit(all, 0.5) : null,
                withP90 ? EtaFit.fit(all, 0.9) : null, Collections.unmodifiableList(p50),
                Collections.unmodifiableList(p90));
    }

    /** The p50 line for a transfer starting at {@code hour}: the hour's own, else all hours'; null without one. */
    public EtaFit.Line p50(int hour) {
        EtaFit.Line own = p50ByHour.get(hour);
        return own != null ? own : allHoursP50;
    }

    /** The p90 line for a transfer starting at {@code hour}: the hour's own, else all hours'; null without one. */
    public EtaFit.Line p90(int hour) {
        EtaFit.Line own = p90ByHour.get(hour);
        return own != null ? own : allHoursP90;
    }
}
