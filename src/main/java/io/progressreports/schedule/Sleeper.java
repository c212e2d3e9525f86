package io.progressreports.schedule;

import java.time.Instant;

/** Waits for a time on the scheduler's clock; a test's sleeper lets the test move the clock instead. */
public interface Sleeper {

    /** Returns at {@code time} or later; interrupted when the scheduler stops. */
    void sleepUntil(Instant time) throws InterruptedException;
}
