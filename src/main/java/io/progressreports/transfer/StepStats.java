package io.progressreports.transfer;

import io.progressreports.report.Percentiles;
import org.HdrHistogram.DoubleHistogram;

/**
 * Durations of one step kind over a day or period: exact count, sum, min and max, percentiles from a histogram
 * (clamped to the exact extremes).
 */
public final class StepStats {

    private long steps;
    private long micros;
    private long minMicros;
    private long maxMicros;
    private final DoubleHistogram seconds;

    public StepStats() {
        this(0, 0, Long.MAX_VALUE, 0, Percentiles.newHistogram());
    }

    /** @param minMicros {@code Long.MAX_VALUE} while there are no steps, so that any step's duration is below it */
    public StepStats(long steps, long micros, long minMicros, long maxMicros, DoubleHistogram seconds) {
        this.steps = steps;
        this.micros = micros;
        this.minMicros = minMicros;
        this.maxMicros = maxMicros;
        this.seconds = seconds;
    }

    void add(long durationMicros) {
        steps++;
        micros = Math.addExact(micros, durationMicros);
        minMicros = Math.min(minMicros, durationMicros);
        maxMicros = Math.max(maxMicros, durationMicros);
        Percentiles.record(seconds, durationMicros / 1e6, 1);
    }

    void merge(StepStats other) {
        steps += other.steps;
        micros = Math.addExact(micros, other.micros);
        minMicros = Math.min(minMicros, other.minMicros);
        maxMicros = Math.max(maxMicros, other.maxMicros);
        Percentiles.add(seconds, other.seconds);
    }

    public long steps() {
        return steps;
    }

    public long micros() {
        return micros;
    }

    public long minMicros() {
        return minMicros;
    }

    /** p50, p90 and p99 in seconds, within [min, max]. */
    public double[] percentiles() {
        return Percentiles.nearestRanksWithin(seconds, minMicros / 1e6, maxMicros / 1e6, 0.5, 0.9, 0.99);
    }

    public long maxMicros() {
        return maxMicros;
    }

    public DoubleHistogram seconds() {
        return seconds;
    }
}
