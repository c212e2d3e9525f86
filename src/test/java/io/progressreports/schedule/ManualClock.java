package io.progressreports.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** A clock the test moves, and the scheduler's sleeper on it: a sleeper wakes when the test moves the clock past its time. */
final class ManualClock extends Clock implements Sleeper {

    private Instant now;
    private final List<Instant> sleepingUntil = new ArrayList<>();

    ManualClock(Instant start) {
        this.now = start;
    }

    synchronized void set(Instant time) {
        now = time;
        notifyAll();
    }

    @Override
    public synchronized Instant instant() {
        return now;
    }

    @Override
    public void sleepUntil(Instant time) throws InterruptedException {
        synchronized (this) {
            sleepingUntil.add(time);
            notifyAll();
            try {
                while (now.isBefore(time)) {
                    wait();
                }
            } finally {
                sleepingUntil.remove(time);
                notifyAll();
            }
        }
    }

    /** Waits until the scheduler sleeps until {@code time}: it has planned its next run and started nothing else. */
    synchronized void awaitSleeperUntil(Instant time, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!sleepingUntil.contains(time)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no sleeper until " + time + " within " + timeout + "; sleeping until "
                        + sleepingUntil + ", now " + now);
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        ManualClock clock = this;
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                return clock.withZone(other);
            }

            @Override
            public Instant instant() {
                return clock.instant();
            }
        };
    }
}
