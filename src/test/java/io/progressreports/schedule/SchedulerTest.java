package io.progressreports.schedule;

import io.progressreports.TestDatabase;
import io.progressreports.cli.ProgressReportsCommand;
import io.progressreports.cli.LazyApplication;
import io.progressreports.cli.SpringSettings;
import io.progressreports.failure.SourceUnavailableException;
import io.progressreports.failure.TooManyRejectsException;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.progressreports.alert.Alert;
import io.progressreports.job.JobFiles;
import io.progressreports.launch.Published;
import io.progressreports.run.JobKinds;
import io.progressreports.run.RunOverrides;
import io.progressreports.run.RunRequests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.dao.PessimisticLockingFailureException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduler on a clock the test moves, running the real funnel job against a real source and store: it
 * catches up on start (judged by its own nightly report, not by ad-hoc runs), runs at the cron time and not
 * before, never runs a job twice at once, and retries a run that failed for a reason that passes.
 */
class SchedulerTest {

    /** The seeded data's now. */
    private static final Instant START = TestDatabase.NOW;
    private static final Duration WAIT = Duration.ofMinutes(3);

    @TempDir
    Path dir;

    private final List<LazyApplication> applications = new ArrayList<>();
    private final List<Scheduler> schedulers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        schedulers.forEach(Scheduler::stop);
        for (Thread thread : threads) {
            thread.join(WAIT.toMillis());
        }
        applications.forEach(LazyApplication::close);
    }

    private JobFiles jobFile(String cron) throws IOException {
        Path jobs = Files.createDirectories(dir.resolve("jobs"));
        Files.writeString(jobs.resolve("nightly-funnel.yml"), """
                kind: funnel
                steps: [git_write, merge_request_created, pipeline_created]
                last: 30
                schedule:
                  cron: "%s"
                """.formatted(cron));
        return JobKinds.files(jobs);
    }

    private NightlyReports reports(JobFiles jobs, ManualClock clock, String store) {
        var started = new LazyApplication(new SpringSettings().put("reports.source.url",
                TestDatabase.seededSourceUrl()).put("reports.store.url", store).put("reports.threads", 1));
        applications.add(started);
        return new NightlyReports(new RunRequests(jobs, clock), RunOverrides.nightly(dir.resolve("out")), started::get);
    }

    private void start(JobFiles jobs, ManualClock clock, ScheduledReports reports) {
        var scheduler = new Scheduler(ScheduledJob.in(jobs), clock, clock, reports);
        schedulers.add(scheduler);
        Thread thread = new Thread(() -> {
            try {
                scheduler.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        threads.add(thread);
        thread.start();
    }

    private static int completedRuns(String store) {
        return TestDatabase.jdbc(store).queryForObject("""
                select count(*) from batch_job_execution e join batch_job_execution_params p
                on p.job_execution_id = e.job_execution_id
                where p.parameter_name = 'job' and p.parameter_value = 'nightly-funnel' and e.status = 'COMPLETED'""",
                Integer.class);
    }

    @Test
    void catchesUpOnStartThenRunsAtTheCronTimeAndNotBefore() throws Exception {
        JobFiles jobs = jobFile("30 2 * * *");
        String store = TestDatabase.newStoreUrl();
        var clock = new ManualClock(START);
        Instant nextNight = Instant.parse("2026-11-02T02:30:00Z");

        // The store has no run at all: the one due 2026-11-01 02:30 is missing, so it runs at once.
        start(jobs, clock, reports(jobs, clock, store));
        clock.awaitSleeperUntil(nextNight, WAIT);
        assertThat(completedRuns(store)).isEqualTo(1);
        assertThat(dir.resolve("out/nightly-funnel/2026-10-02_2026-10-31/funnel.csv")).exists();

        // A scheduler started again finds that run, which started after 02:30: nothing to catch up.
        var again = new ManualClock(START);
        start(jobs, again, reports(jobs, again, store));
        again.awaitSleeperUntil(nextNight, WAIT);
        assertThat(completedRuns(store)).isEqualTo(1);
        schedulers.get(1).stop();

        clock.set(nextNight.minusSeconds(1));
        Thread.sleep(500);
        assertThat(completedRuns(store)).isEqualTo(1);

        clock.set(nextNight);
        clock.awaitSleeperUntil(nextNight.plus(Duration.ofDays(1)), WAIT);
        assertThat(completedRuns(store)).isEqualTo(2);
        assertThat(dir.resolve("out/nightly-funnel/2026-10-03_2026-11-01/funnel.csv")).exists();
    }

    @Test
    void aCronTimeThatPassesDuringARunStartsNoSecondRun() throws Exception {
        JobFiles jobs = jobFile("* * * * *");
        String store = TestDatabase.newStoreUrl();
        var clock = new ManualClock(START);
        NightlyReports real = reports(jobs, clock, store);
        var started = new AtomicInteger();
        var running = new AtomicInteger();
        var mostAtOnce = new AtomicInteger();
        var firstRunStarted = new CountDownLatch(1);
        var releaseFirstRun = new CountDownLatch(1);
        start(jobs, clock, new ScheduledReports() {
            @Override
            public Published run(String job) {
                started.incrementAndGet();
                mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                try {
                    firstRunStarted.countDown();
                    releaseFirstRun.await();
                    return real.run(job);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                } finally {
                    running.decrementAndGet();
                }
            }

            @Override
            public boolean nightlyCompleted(String job, LocalDate lastDay) {
                return real.nightlyCompleted(job, lastDay);
            }
        });

        assertThat(firstRunStarted.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        // Five cron times pass while the catch-up run is still running.
        Instant later = START.plus(Duration.ofMinutes(5));
        clock.set(later);
        Thread.sleep(500);
        assertThat(started).hasValue(1);

        releaseFirstRun.countDown();
        Instant nextMinute = later.plus(Duration.ofMinutes(1));
        clock.awaitSleeperUntil(nextMinute, WAIT);
        assertThat(started).hasValue(1);
        assertThat(completedRuns(store)).isEqualTo(1);

        clock.set(nextMinute);
        clock.awaitSleeperUntil(nextMinute.plus(Duration.ofMinutes(1)), WAIT);
        assertThat(started).hasValue(2);
        assertThat(mostAtOnce).hasValue(1);
        assertThat(completedRuns(store)).isEqualTo(2);
    }

    @Test
    void anAdHocRunDoesNotStandInForTheMissedNightlyReport() throws Exception {
        JobFiles jobs = jobFile("30 2 * * *");
        String store = TestDatabase.newStoreUrl();
        // The case that cancelled the catch-up: a completed run of the job over another range, and one with other
        // steps over the nightly range.
        for (String[] adHoc : List.of(new String[] {"--date", "2020-01-01"}, new String[] {"--steps", "git_write",
                "--as-of", "2026-11-01T00:00:00Z"})) {
            var command = new ArrayList<>(List.of("run", "nightly-funnel", "--jobs-dir", dir.resolve("jobs").toString(),
                    "--source-url", TestDatabase.seededSourceUrl(), "--store-url", store, "--out",
                    dir.resolve("adhoc").toString()));
            command.addAll(List.of(adHoc));
            assertThat(ProgressReportsCommand.execute(command.toArray(String[]::new))).isZero();
        }
        assertThat(completedRuns(store)).isEqualTo(2);

        var clock = new ManualClock(START);
        start(jobs, clock, reports(jobs, clock, store));
        clock.awaitSleeperUntil(Instant.parse("2026-11-02T02:30:00Z"), WAIT);
        assertThat(completedRuns(store)).isEqualTo(3);
        assertThat(dir.resolve("out/nightly-funnel/2026-10-02_2026-10-31/funnel.csv")).exists();
    }

    @Test
    void aRunThatFailsForAPassingReasonIsRetriedWithBackoffBeforeTheNextCronTime() throws Exception {
        JobFiles jobs = jobFile("30 2 * * *");
        var clock = new ManualClock(START);
        var failures = new ArrayList<RuntimeException>(List.of(
                new PessimisticLockingFailureException("store", new SQLException(
                        "ERROR: could not serialize access due to concurrent update", "40001")),
                new SourceUnavailableException("source jdbc:postgresql://replica/x unreachable", null)));
        var runs = new AtomicInteger();
        start(jobs, clock, new ScheduledReports() {
            @Override
            public Published run(String job) {
                runs.incrementAndGet();
                if (!failures.isEmpty()) {
                    throw failures.remove(0);
                }
                return new Published(dir, List.of());
            }

            @Override
            public boolean nightlyCompleted(String job, LocalDate lastDay) {
                assertThat(lastDay).isEqualTo(LocalDate.parse("2026-10-31"));
                return false;
            }
        });

        // Exit 75, then 69: retried after 1 minute, then after 2 more.
        Instant firstRetry = START.plus(Duration.ofMinutes(1));
        clock.awaitSleeperUntil(firstRetry, WAIT);
        assertThat(runs).hasValue(1);
        clock.set(firstRetry);
        Instant secondRetry = firstRetry.plus(Duration.ofMinutes(2));
        clock.awaitSleeperUntil(secondRetry, WAIT);
        assertThat(runs).hasValue(2);
        clock.set(secondRetry);
        clock.awaitSleeperUntil(Instant.parse("2026-11-02T02:30:00Z"), WAIT);
        assertThat(runs).hasValue(3);
    }

    @Test
    void aRunThatFailsForGoodIsNotRetried() throws Exception {
        JobFiles jobs = jobFile("30 2 * * *");
        var clock = new ManualClock(START);
        var runs = new AtomicInteger();
        start(jobs, clock, new ScheduledReports() {
            @Override
            public Published run(String job) {
                runs.incrementAndGet();
                throw new TooManyRejectsException("12% of rows rejected, over the 5% allowed");
            }

            @Override
            public boolean nightlyCompleted(String job, LocalDate lastDay) {
                return false;
            }
        });

        clock.awaitSleeperUntil(Instant.parse("2026-11-02T02:30:00Z"), WAIT);
        assertThat(runs).hasValue(1);
    }

    @Test
    void aRunThatBreaksAnAlertRuleIsLoggedAsAlertedAndNotRetried() throws Exception {
        JobFiles jobs = jobFile("30 2 * * *");
        var clock = new ManualClock(START);
        var runs = new AtomicInteger();
        var alert = new Alert("reject_rate above 2%", "reject_rate", LocalDate.parse("2026-10-02"),
                LocalDate.parse("2026-11-01"), 0.03, 0.02);
        var logged = new ListAppender<ILoggingEvent>();
        logged.start();
        var logger = (Logger) LoggerFactory.getLogger(Scheduler.class);
        logger.addAppender(logged);
        try {
            start(jobs, clock, new ScheduledReports() {
                @Override
                public Published run(String job) {
                    runs.incrementAndGet();
                    return new Published(dir, List.of(alert));
                }

                @Override
                public boolean nightlyCompleted(String job, LocalDate lastDay) {
                    return false;
                }
            });

            clock.awaitSleeperUntil(Instant.parse("2026-11-02T02:30:00Z"), WAIT);
        } finally {
            logger.detachAppender(logged);
        }
        assertThat(runs).hasValue(1);
        assertThat(logged.list).filteredOn(event -> event.getFormattedMessage().contains("alerted"))
                .singleElement().satisfies(event -> {
                    assertThat(event.getLevel()).isEqualTo(Level.WARN);
                    assertThat(event.getFormattedMessage()).startsWith("nightly-funnel: run alerted, exit 3: 1 alert "
                            + "rule(s) broken, see " + dir.toAbsolutePath().normalize().resolve("alerts.csv"));
                });
        assertThat(logged.list).noneMatch(event -> event.getFormattedMessage().contains("failed"));
    }
}
