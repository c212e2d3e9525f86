package io.progressreports.schedule;

import io.progressreports.alert.RunAlerts;
import io.progressreports.failure.ExitCodes;
import io.progressreports.failure.RunLockedException;
import io.progressreports.launch.Published;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Runs each scheduled job at its cron times, in a thread of its own: one run of a job at a time (a cron time that
 * passes during a run is skipped, as cron and the run lock would), different jobs side by side. On start it
 * catches up: a job whose own nightly report of its last cron time is missing runs at once; the store is asked
 * for that report (the job file's definition, the range ending the day before), not for any run of the job, so
 * an ad-hoc run cannot stand in for it. A run that fails for a reason that passes (exit 75: a store serialization
 * failure or deadlock; 69: the source or store unreachable) is retried after {@link #RETRY_WAITS}, each wait
 * only if it ends before the next cron time.
 */
public final class Scheduler {

    private static final Logger log = LoggerFactory.getLogger(Scheduler.class);
    /** Doubling waits, for a failover or a lock that clears in seconds as for an outage of an hour. */
    static final List<Duration> RETRY_WAITS = List.of(Duration.ofMinutes(1), Duration.ofMinutes(2),
            Duration.ofMinutes(4), Duration.ofMinutes(8), Duration.ofMinutes(16), Duration.ofMinutes(32),
            Duration.ofMinutes(60));
    private static final Set<Integer> TRANSIENT = Set.of(ExitCodes.TEMPORARY, ExitCodes.UNAVAILABLE);

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
        // The run at that time reports up to the day before its start, in the report's zone.
        LocalDate lastDay = due.get().atZone(job.reportZone()).toLocalDate().minusDays(1);
        try {
            if (reports.nightlyCompleted(job.name(), lastDay)) {
                return false;
            }
        } catch (RuntimeException e) {
            log.error("{}: cannot read its last run from the store, so no catch-up (exit {}): {}", job.name(),
                    ExitCodes.of(e), ExitCodes.message(e));
            return false;
        }
        log.info("{}: the run due {} is missing (no completed nightly report up to {}): running it now", job.name(),
                due.get().atZone(job.schedule().zone()), lastDay);
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

    /** Runs the job, and again after a transient failure while the next cron time is not reached. */
    private boolean runUnlessStopping(ScheduledJob job) {
        Instant nextCronTime = job.schedule().next(clock.instant());
        for (int retry = 0; ; retry++) {
            if (stopping()) {
                return false;
            }
            int exit = runOnce(job);
            if (!TRANSIENT.contains(exit)) {
                return true;
            }
            Instant at = clock.instant().plus(RETRY_WAITS.get(Math.min(retry, RETRY_WAITS.size() - 1)));
            if (nextCronTime != null && !at.isBefore(nextCronTime)) {
                log.warn("{}: no retry after exit {}: the next cron time {} comes first", job.name(), exit,
                        nextCronTime.atZone(job.schedule().zone()));
                return true;
            }
            log.warn("{}: exit {} may pass: retry {} at {}", job.name(), exit, retry + 1,
                    at.atZone(job.schedule().zone()));
            if (!sleepUntil(at)) {
                return false;
            }
        }
    }

    /** @return the exit code the run ended with; 0 for a run skipped because another process runs the job */
    private int runOnce(ScheduledJob job) {
        long started = System.nanoTime();
        log.info("{}: run started", job.name());
        try {
            Published published = reports.run(job.name());
            Path report = published.folder().toAbsolutePath().normalize();
            if (!published.alerts().isEmpty()) {
                // Not a failure: the report is out, each alert has its ALERT line, and nothing is retried.
                log.warn("{}: run alerted, exit {}: {} alert rule(s) broken, see {} ({} s)", job.name(),
                        ExitCodes.ALERT, published.alerts().size(), report.resolve(RunAlerts.FILE), seconds(started));
                return ExitCodes.ALERT;
            }
            log.info("{}: run ended, exit {}, report {} ({} s)", job.name(), ExitCodes.OK, report, seconds(started));
            return ExitCodes.OK;
        } catch (RunLockedException e) {
            // Another process runs it now: its run is this one, nothing to retry.
            log.warn("{}: run skipped, exit {}: {}", job.name(), ExitCodes.TEMPORARY, ExitCodes.message(e));
            return ExitCodes.OK;
        } catch (RuntimeException e) {
            // One failing run must not stop the others, nor the next night's.
            int exit = ExitCodes.of(e);
            log.error("{}: run failed, exit {}: {} ({} s)", job.name(), exit, ExitCodes.message(e),
                    seconds(started));
            return exit;
        }
    }

    private static String seconds(long startedNanos) {
        return String.format("%.1f", (System.nanoTime() - startedNanos) / 1e9);
    }
}
