package io.progressreports.compare;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The latest period of a series against the period before it and against the period that started four weeks
 * earlier (the same weekday for days, the same week of the cycle for weeks), as far as the series has them.
 */
public final class Comparisons {

    public static final String PREVIOUS = "previous";
    public static final String FOUR_WEEKS_EARLIER = "four_weeks_earlier";

    private static final int FOUR_WEEKS = 28;

    private Comparisons() {
    }

    /** Shares, oldest first, complete periods only; a change is beyond noise by the two-proportion test. */
    public static List<Comparison> ofShares(String figure, List<Share> series) {
        if (series.isEmpty()) {
            return List.of();
        }
        Share latest = series.get(series.size() - 1);
        var comparisons = new ArrayList<Comparison>();
        for (var baseline : baselines(series, Share::start, s -> ChronoUnit.DAYS.between(s.start(), s.end()))) {
            Share other = baseline.period();
            comparisons.add(Comparison.of(figure, latest.start(), latest.end(), latest.rate(), baseline.name(),
                    other.start(), other.end(), other.rate(), TwoProportionTest.differ(latest, other)
                            ? Comparison.Noise.BEYOND : Comparison.Noise.WITHIN));
        }
        return comparisons;
    }

    /**
     * Figures, oldest first, complete periods only; a change is beyond noise when the latest value lies outside
     * the range of the {@code noisePeriods} values before it, unknown when there are fewer. For a steady series the
     * latest of n + 1 values is the lowest or highest by chance 2 / (n + 1) of the time.
     */
    public static List<Comparison> ofPoints(String figure, List<Point> series, int noisePeriods) {
        if (series.isEmpty()) {
            return List.of();
        }
        Point latest = series.get(series.size() - 1);
        List<Point> before = series.subList(Math.max(0, series.size() - 1 - noisePeriods), series.size() - 1);
        Comparison.Noise noise = before.size() < noisePeriods ? Comparison.Noise.UNKNOWN
                : latest.value() < before.stream().mapToDouble(Point::value).min().orElseThrow()
                || latest.value() > before.stream().mapToDouble(Point::value).max().orElseThrow()
                ? Comparison.Noise.BEYOND : Comparison.Noise.WITHIN;
        var comparisons = new ArrayList<Comparison>();
        for (var baseline : baselines(series, Point::start, p -> ChronoUnit.DAYS.between(p.start(), p.end()))) {
            Point other = baseline.period();
            comparisons.add(Comparison.of(figure, latest.start(), latest.end(), latest.value(), baseline.name(),
                    other.start(), other.end(), other.value(), noise));
        }
        return comparisons;
    }

    private record Baseline<T>(String name, T period) {
    }

    private static <T> List<Baseline<T>> baselines(List<T> series, Function<T, LocalDate> start,
                                                   Function<T, Long> length) {
        if (series.size() < 2) {
            return List.of();
        }
        T latest = series.get(series.size() - 1);
        var baselines = new ArrayList<Baseline<T>>();
        baselines.add(new Baseline<>(PREVIOUS, series.get(series.size() - 2)));
        LocalDate fourWeeksEarlier = start.apply(latest).minusDays(FOUR_WEEKS);
        // Months never line up with four weeks (but for a February before a March, which is no baseline).
        Optional<T> earlier = series.stream().filter(p -> start.apply(p).equals(fourWeeksEarlier)
                && length.apply(p).equals(length.apply(latest))).findFirst();
        earlier.ifPresent(p -> baselines.add(new Baseline<>(FOUR_WEEKS_EARLIER, p)));
        return baselines;
    }
}
