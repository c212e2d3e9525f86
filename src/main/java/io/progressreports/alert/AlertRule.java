package io.progressreports.alert;

import io.progressreports.compare.Point;

import java.util.List;
import java.util.Optional;

/**
 * A rule of a job file's {@code alerts:}, written as a user says it (see {@link AlertRules#parse}), checked
 * against the series of one figure, oldest first: days for a trailing median, the report's periods (mature
 * cohorts for the funnel) for a mean of previous periods, the run itself for a fixed limit.
 */
public sealed interface AlertRule {

    /** The figure watched, as the report names it: a column, {@code conversion to STEP} or {@code reject_rate}. */
    String figure();

    /** The rule as written. */
    String text();

    /** Broken by the series' latest value, or not (also when the series is too short to say). */
    Optional<Alert> check(List<Point> series);

    enum Direction {
        BELOW, ABOVE;

        boolean crosses(double value, double limit) {
            return this == BELOW ? value < limit : value > limit;
        }
    }

    /** For example {@code p50_items_per_second below 80% of the 28-day median}: the days before the latest one. */
    record AgainstTrailingMedian(String figure, Direction direction, double share, int days, String text)
            implements AlertRule {

        @Override
        public Optional<Alert> check(List<Point> series) {
            if (series.size() < 2) {
                return Optional.empty();
            }
            Point latest = series.get(series.size() - 1);
            double[] trailing = series.stream().filter(p -> !p.start().isBefore(latest.start().minusDays(days))
                            && p.start().isBefore(latest.start())).mapToDouble(Point::value).filter(v -> !Double.isNaN(v))
                    .sorted().toArray();
            // Half the window at least, so that a median of two odd days does not raise an alarm.
            if (trailing.length < Math.max(1, (days + 1) / 2) || Double.isNaN(latest.value())) {
                return Optional.empty();
            }
            double limit = share * median(trailing);
            return Alert.when(this, latest, limit, direction.crosses(latest.value(), limit));
        }

        private static double median(double[] sorted) {
            int middle = sorted.length / 2;
            return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        }
    }

    /**
     * For example {@code conversion to trial 5 points below the mean of the previous 4 cohorts}; points are
     * percentage points of a share.
     */
    record AgainstPreviousMean(String figure, Direction direction, double points, int periods, String text)
            implements AlertRule {

        @Override
        public Optional<Alert> check(List<Point> series) {
            if (series.size() < periods + 1) {
                return Optional.empty();
            }
            Point latest = series.get(series.size() - 1);
            double mean = series.subList(series.size() - 1 - periods, series.size() - 1).stream()
                    .mapToDouble(Point::value).average().orElseThrow();
            double limit = direction == Direction.BELOW ? mean - points / 100 : mean + points / 100;
            return Alert.when(this, latest, limit, direction.crosses(latest.value(), limit));
        }
    }

    /** For example {@code reject_rate above 2%}. */
    record AgainstLimit(String figure, Direction direction, double limit, String text) implements AlertRule {

        @Override
        public Optional<Alert> check(List<Point> series) {
            if (series.isEmpty()) {
                return Optional.empty();
            }
            Point latest = series.get(series.size() - 1);
            return Alert.when(this, latest, limit, direction.crosses(latest.value(), limit));
        }
    }
}
