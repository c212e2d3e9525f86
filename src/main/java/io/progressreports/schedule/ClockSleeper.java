package io.progressreports.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Sleeps in slices of at most a minute, so a clock that jumps (suspend, NTP) delays a run by a minute at most. */
public final class ClockSleeper implements Sleeper {

    private static final Duration SLICE = Duration.ofMinutes(1);

    private final Clock clock;

    public ClockSleeper(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void sleepUntil(Instant time) throws InterruptedException {
        for (Instant now = clock.instant(); now.isBefore(time); now = clock.instant()) {
            Duration left = Duration.between(now, time);
            Thread.sleep(Math.max(1, (left.compareTo(SLICE) < 0 ? left : SLICE).toMillis()));
        }
    }
}
