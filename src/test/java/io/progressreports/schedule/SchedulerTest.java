package io.progressreports.schedule;

import io.progressreports.TestDatabase;
import io.progressreports.cli.ReportApplications;
import io.progressreports.cli.SpringSettings;
import io.progressreports.job.JobFiles;
import io.progressreports.run.RunOverrides;
import io.progressreports.run.RunRequests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduler on a clock the test moves, running the real funnel job against a real source and store: it
 * catches up on start, runs at the cron time and not before, and never runs a job twice at once.
 */
class SchedulerTest {

    /** The seeded data's now; the store's run times are real ones, later, so no run looks missed after one ran. */
    private static final Instant START = TestDatabase.NOW;
    private static final Duration WAIT = Duration.ofMinutes(3);

    @TempDir
    Path dir;

    private final List<ReportApplications> applications = new ArrayList<>();
    private final List<Scheduler> schedulers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        schedulers.forEach(Scheduler::stop);
        for (Thread thread : threads) {
            thread.join(WAIT.toMillis());
        }
        applications.forEach(ReportApplications::close);
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
        return new JobFiles(jobs);
    }

    private ApplicationReports reports(JobFiles jobs, ManualClock clock, String store) {
        var started = new ReportApplications(new SpringSettings().put("reports.source.url",
                TestDatabase.seededSourceUrl()).put("reports.store.url", store).put("reports.threads", 1));
        applications.add(started);
        return new ApplicationReports(new RunRequests(jobs, clock), RunOverrides.nightly(dir.resolve("out"), null),
                started::forChunkSize);
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
        String store = TestDatabase.newDatabaseUrl();
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
        String store = TestDatabase.newDatabaseUrl();
        var clock = new ManualClock(START);
        ApplicationReports real = reports(jobs, clock, store);
        var started = new AtomicInteger();
        var running = new AtomicInteger();
        var mostAtOnce = new AtomicInteger();
        var firstRunStarted = new CountDownLatch(1);
        var releaseFirstRun = new CountDownLatch(1);
        start(jobs, clock, new ScheduledReports() {
            @Override
            public Path run(String job) {
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
            public Optional<Instant> lastCompletedStart(String job) {
                return real.lastCompletedStart(job);
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
}
