package io.progressreports.schedule;

import io.progressreports.cli.ExitCodes;
import io.progressreports.cli.RunLockedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Runs each scheduled job at its cron times, in a thread of its own: one run of a job at a time (a cron time that
 * passes during a run is skipped, as cron and the run lock would), different jobs side by side. On start it
 * catches up: a job whose last cron time is later than the start of its last completed run runs at once.
 */
public final class Scheduler {

    private static final Logger log = LoggerFactory.getLogger(Scheduler.class);

    private final List<ScheduledJob> jobs;
    private final Clock clock;
    private final Sleeper sleeper;
    private final ScheduledReports reports;
    private final List<Thread> threads = new ArrayList<>();
    private final Set<Thread> sleeping = new HashSet<>();
    private boolean stopping;

    public Scheduler(List<ScheduledJob> jobs, Clock clock, Sleeper sleeper, ScheduledReports reports) {
        this.jobs = List.copyOf(jobs);
        this.clock = clock;
        this.sleeper = sleeper;
        this.reports = reports;
    }

    /** Schedules every job and returns once {@link #stop()} has been called and no run is left. */
    public void run() throws InterruptedException {
        synchronized (this) {
            for (ScheduledJob job : jobs) {
                log.info("{}: scheduled at \"{}\" ({})", job.name(), job.schedule().cron(), job.schedule().zone());
                Thread thread = new Thread(() -> schedule(job), "schedule-" + job.name());
                threads.add(thread);
                thread.start();
            }
        }
        awaitStopped(null);
    }

    /** No new runs; a sleeping job wakes and ends, a running one ends with its run. */
    public synchronized void stop() {
        stopping = true;
        sleeping.forEach(Thread::interrupt);
    }

    /** @param deadline null to wait as long as it takes */
    public void awaitStopped(Instant deadline) throws InterruptedException {
        for (Thread thread : threadList()) {
            if (deadline == null) {
                thread.join();
            } else {
                thread.join(Math.max(1, Duration.between(Instant.now(), deadline).toMillis()));
            }
        }
    }

    private synchronized List<Thread> threadList() {
        return List.copyOf(threads);
    }

    private void schedule(ScheduledJob job) {
        if (missedWhileDown(job) && !runUnlessStopping(job)) {
            return;
        }
        while (!stopping()) {
            Instant next = job.schedule().next(clock.instant());
            if (next == null) {
                log.info("{}: no cron time left", job.name());
                return;
            }
            log.info("{}: next run at {}", job.name(), next.atZone(job.schedule().zone()));
            if (!sleepUntil(next) || !runUnlessStopping(job)) {
                return;
            }
        }
    }

    private boolean missedWhileDown(ScheduledJob job) {
        Optional<Instant> due = job.schedule().previous(clock.instant());
        if (due.isEmpty()) {
            return false;
        }
        Optional<Instant> lastStart;
        try {
            lastStart = reports.lastCompletedStart(job.name());
        } catch (RuntimeException e) {
            log.error("{}: cannot read its last run from the store, so no catch-up (exit {}): {}", job.name(),
                    ExitCodes.of(e), ExitCodes.message(e));
            return false;
        }
        if (lastStart.isPresent() && !due.get().isAfter(lastStart.get())) {
            return false;
        }
        log.info("{}: the run due {} is missing (last completed run started {}): running it now", job.name(),
                due.get().atZone(job.schedule().zone()), lastStart.map(Instant::toString).orElse("never"));
        return true;
    }

    private synchronized boolean stopping() {
        return stopping;
    }

    /** @return false when woken because the scheduler stops */
    private boolean sleepUntil(Instant time) {
        Thread self = Thread.currentThread();
        synchronized (this) {
            if (stopping) {
                return false;
            }
            sleeping.add(self);
        }
        try {
            sleeper.sleepUntil(time);
        } catch (InterruptedException e) {
            // stop() interrupts sleepers only; decided below
        }
        synchronized (this) {
            sleeping.remove(self);
            // stop() interrupts under this lock, so a late interrupt cannot reach the run that follows
            Thread.interrupted();
            return !stopping;
        }
    }

    /** @return false when the scheduler stops */
    private boolean runUnlessStopping(ScheduledJob job) {
        if (stopping()) {
            return false;
        }
        long started = System.nanoTime();
        log.info("{}: run started", job.name());
        try {
            Path report = reports.run(job.name());
            log.info("{}: run ended, exit {}, report {} ({} s)", job.name(), ExitCodes.OK,
                    report.toAbsolutePath().normalize(), seconds(started));
        } catch (RunLockedException e) {
            log.warn("{}: run skipped, exit {}: {}", job.name(), ExitCodes.TEMPORARY, ExitCodes.message(e));
        } catch (RuntimeException e) {
            // One failing run must not stop the others, nor the next night's.
            log.error("{}: run failed, exit {}: {} ({} s)", job.name(), ExitCodes.of(e), ExitCodes.message(e),
                    seconds(started));
        }
        return true;
    }

    private static String seconds(long startedNanos) {
        return String.format("%.1f", (System.nanoTime() - startedNanos) / 1e9);
    }
}
