package io.progressreports.progress;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a job's reading stands: rows read against the estimate, the rate so far, and the time left at that rate.
 * Plain arithmetic on three numbers, shared by the log lines and the progress bar.
 */
public record ProgressFigures(long rowsRead, long estimate, Duration elapsed) {

    public double rowsPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : rowsRead / seconds;
    }

    /** Whole percent of the estimate, never above 100: the estimate is the planner's guess, not a promise. */
    public int percent() {
        return estimate <= 0 ? 100 : (int) Math.min(100, rowsRead * 100 / estimate);
    }

    public boolean pastEstimate() {
        return rowsRead >= estimate;
    }

    /** Empty with no rate yet, or once past the estimate: then there is no honest guess. */
    public Optional<Duration> eta() {
        double rate = rowsPerSecond();
        if (rate <= 0 || pastEstimate()) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis(Math.round((estimate - rowsRead) / rate * 1000)));
    }

    /** E.g. {@code onboarding-funnel: 412,000 of ~1,000,000 rows (41%), 118,000 rows/s, ETA 5 s}. */
    public String line(String job) {
        String eta = pastEstimate() ? "past the estimate"
                : eta().map(left -> "ETA " + readable(left)).orElse("ETA unknown");
        return String.format(Locale.ROOT, "%s: %,d of ~%,d rows (%d%%), %,.0f rows/s, %s", job, rowsRead, estimate,
                percent(), rowsPerSecond(), eta);
    }

    /** E.g. {@code onboarding-funnel: read 1,000,412 rows (estimate ~1,000,000) in 8.5 s, 117,700 rows/s}. */
    public String summary(String job) {
        return String.format(Locale.ROOT, "%s: read %,d rows (estimate ~%,d) in %.1f s, %,.0f rows/s", job, rowsRead,
                estimate, elapsed.toMillis() / 1000.0, rowsPerSecond());
    }

    /** Seconds up to a minute, then minutes and seconds, then hours and minutes: the precision a person uses. */
    static String readable(Duration duration) {
        long seconds = Math.max(1, Math.round(duration.toMillis() / 1000.0));
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", seconds / 3600, seconds % 3600 / 60);
    }
}
