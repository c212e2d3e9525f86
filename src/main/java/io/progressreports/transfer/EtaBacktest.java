package io.progressreports.transfer;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Does the model earn its place? Each day's transfers predicted from the days before it only: by the model
 * ({@link EtaModel}'s p50 line for the transfer's hour, fitted to the {@link EtaModel#WINDOW_DAYS} days before the
 * day it was fitted on) and by the rule a CLI would use, items / the median per-transfer speed of those same days.
 * Errors are |predicted - actual| / actual per transfer, their median and p90 per day. Pure.
 * <p>
 * The model is refitted weekly, on each Monday (and on the first day predicted), and predicts the days up to the
 * next refit: 24 fits a day made the backtest most of a nightly run's report time (measured on the benchmark's data,
 * the report step two to three times as long). A week-old model only makes the test harder for the model. Refits
 * of windows that did not change since an earlier run are found in an {@link EtaFitCache}.
 */
public final class EtaBacktest {

    /** A day with fewer days than this before it in the range is not predicted: its window says too little. */
    public static final int MIN_WINDOW_DAYS = 7;

    /**
     * One day's errors, NaN where the day was not predicted (no transfers, or too short a window).
     *
     * @param windowDays           days of the range in the model's window (at most {@link EtaModel#WINDOW_DAYS})
     * @param naiveItemsPerSecond  the window's median per-transfer speed, the naive rule's
     */
    public record Row(LocalDate day, long transfers, int windowDays, long windowTransfers,
                      double naiveItemsPerSecond, double modelMedianError, double modelP90Error,
                      double naiveMedianError, double naiveP90Error) {
    }

    private EtaBacktest() {
    }

    /**
     * @param days    every day of the range up to its last day with data, in order, each with its points
     * @param digests each day's {@link EtaPoints#digest()}, by which the cache finds a refit of its window
     */
    public static List<Row> of(SortedMap<LocalDate, EtaPoints> days, SortedMap<LocalDate, byte[]> digests,
                               EtaFitCache cache) {
        var rows = new ArrayList<Row>();
        Fitted fitted = null;
        for (Map.Entry<LocalDate, EtaPoints> entry : days.entrySet()) {
            LocalDate day = entry.getKey();
            if (fitted == null || day.getDayOfWeek() == DayOfWeek.MONDAY) {
                fitted = fit(day, days.subMap(day.minusDays(EtaModel.WINDOW_DAYS), day), digests, cache);
            }
            rows.add(row(day, entry.getValue(), fitted));
        }
        return rows;
    }

    /** A model and the naive speed fitted on a day, from its window; null model where the window is too small. */
    private record Fitted(EtaModel model, double naiveSpeed, int windowDays, long windowTransfers) {
    }

    /** The p50 lines by hour, then over all hours, and the naive speed: found in the cache, else fitted. */
    private static Fitted fit(LocalDate day, SortedMap<LocalDate, EtaPoints> window,
                              SortedMap<LocalDate, byte[]> digests, EtaFitCache cache) {
        long pastTransfers = window.values().stream().mapToLong(EtaPoints::transfers).sum();
        if (window.size() < MIN_WINDOW_DAYS || pastTransfers < EtaFit.MIN_TRANSFERS) {
            return new Fitted(null, Double.NaN, window.size(), pastTransfers);
        }
        LocalDate from = window.firstKey();
        EtaFitCache.Fit fit = cache.fit(EtaFitCache.digest("backtest p50 by hour", digests.subMap(from, day)), () -> {
            var merged = new EtaPoints();
            window.values().forEach(merged::merge);
            EtaPoints.Point[] past = merged.all();
            EtaModel model = EtaModel.fit(from, day.minusDays(1), past, false);
            var lines = new ArrayList<>(model.p50ByHour());
            lines.add(model.allHoursP50());
            return new EtaFitCache.Fit(lines.toArray(EtaFit.Line[]::new), medianSpeed(past));
        });
        List<EtaFit.Line> lines = Arrays.asList(fit.lines());
        EtaModel model = new EtaModel(from, day.minusDays(1), pastTransfers, lines.get(TransferCells.HOURS), null,
                Collections.unmodifiableList(lines.subList(0, TransferCells.HOURS)),
                Collections.nCopies(TransferCells.HOURS, null));
        return new Fitted(model, fit.figure(), window.size(), pastTransfers);
    }

    private static Row row(LocalDate day, EtaPoints today, Fitted fitted) {
        EtaPoints.Point[] actual = today.all();
        long transfers = count(actual);
        double nan = Double.NaN;
        if (transfers == 0 || fitted.model() == null) {
            return new Row(day, transfers, fitted.windowDays(), fitted.windowTransfers(), nan, nan, nan, nan, nan);
        }
        double naiveSpeed = fitted.naiveSpeed();
        double[] modelErrors = new double[Math.toIntExact(transfers)];
        double[] naiveErrors = new double[modelErrors.length];
        int i = 0;
        for (EtaPoints.Point point : actual) {
            double modelError = Math.abs(fitted.model().p50(point.hour()).seconds(point.items()) - point.seconds())
                    / point.seconds();
            double naiveError = Math.abs(point.items() / naiveSpeed - point.seconds()) / point.seconds();
            for (long c = 0; c < point.count(); c++, i++) {
                modelErrors[i] = modelError;
                naiveErrors[i] = naiveError;
            }
        }
        Arrays.sort(modelErrors);
        Arrays.sort(naiveErrors);
        return new Row(day, transfers, fitted.windowDays(), fitted.windowTransfers(), naiveSpeed,
                EtaFit.nearestRank(modelErrors, 0.5), EtaFit.nearestRank(modelErrors, 0.9),
                EtaFit.nearestRank(naiveErrors, 0.5), EtaFit.nearestRank(naiveErrors, 0.9));
    }

    private static double medianSpeed(EtaPoints.Point[] points) {
        double[] speeds = new double[Math.toIntExact(count(points))];
        int i = 0;
        for (EtaPoints.Point point : points) {
            for (long c = 0; c < point.count(); c++) {
                speeds[i++] = point.items() / point.seconds();
            }
        }
        Arrays.sort(speeds);
        return EtaFit.nearestRank(speeds, 0.5);
    }

    private static long count(EtaPoints.Point[] points) {
        return Arrays.stream(points).mapToLong(EtaPoints.Point::count).sum();
    }
}
