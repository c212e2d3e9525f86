package io.progressreports.transfer;

import io.progressreports.report.Percentiles;
import org.HdrHistogram.DoubleHistogram;

/** Durations of one step kind over a day or period: exact count, sum and max, percentiles from a histogram. */
public final class StepStats {

    private long steps;
    private long micros;
    private long maxMicros;
    private final DoubleHistogram seconds;

    public StepStats() {
        this(0, 0, 0, Percentiles.newHistogram());
    }

    public StepStats(long steps, long micros, long maxMicros, DoubleHistogram seconds) {
        this.steps = steps;
        this.micros = micros;
        this.maxMicros = maxMicros;
        this.seconds = seconds;
    }

    void add(long durationMicros) {
        steps++;
        micros = Math.addExact(micros, durationMicros);
        maxMicros = Math.max(maxMicros, durationMicros);
        Percentiles.record(seconds, durationMicros / 1e6, 1);
    }

    void merge(StepStats other) {
        steps += other.steps;
        micros = Math.addExact(micros, other.micros);
        maxMicros = Math.max(maxMicros, other.maxMicros);
        Percentiles.add(seconds, other.seconds);
    }

    public long steps() {
        return steps;
    }

    public long micros() {
        return micros;
    }

    public long maxMicros() {
        return maxMicros;
    }

    public DoubleHistogram seconds() {
        return seconds;
    }
}
