package io.progressreports.cli;

import io.progressreports.failure.ExitCodes;
import io.progressreports.failure.ShutdownSignals;
import io.progressreports.schedule.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;

/**
 * What SIGTERM and SIGINT do to a command that runs jobs: stop its job executions at their next chunk boundary (they end
 * STOPPED, and the same command resumes them), wait for them, close the application, exit. The JVM runs shutdown
 * hooks side by side, so Spring's own hook (not registered, see {@link SpringSettings}) would close the store
 * under a running job.
 */
final class GracefulShutdown implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GracefulShutdown.class);
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final Thread hook;

    private GracefulShutdown(Thread hook) {
        this.hook = hook;
        ShutdownSignals.install();
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** For run: exit 143 (SIGTERM) or 130 (SIGINT), whether or not the job had to be stopped. */
    static GracefulShutdown forRun(LazyApplication application) {
        return new GracefulShutdown(new Thread(() -> {
            application.stopRunningJobs(Instant.now().plus(WAIT));
            exit(application, ExitCodes.stopped());
        }, "sigterm"));
    }

    /** For schedule: no new runs; exit 143 or 130 if a running job had to be stopped, 0 if the scheduler was idle. */
    static GracefulShutdown forSchedule(Scheduler scheduler, LazyApplication application) {
        return new GracefulShutdown(new Thread(() -> {
            Instant deadline = Instant.now().plus(WAIT);
            scheduler.stop();
            boolean stopped = application.stopRunningJobs(deadline);
            try {
                // Lets each job's thread log how its run ended.
                scheduler.awaitStopped(deadline);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exit(application, stopped ? ExitCodes.stopped() : ExitCodes.OK);
        }, "sigterm"));
    }

    /** Halts rather than returns: the JVM would otherwise exit 143 whatever the hook decided. */
    private static void exit(LazyApplication application, int code) {
        try {
            application.close();
        } catch (RuntimeException e) {
            log.warn("closing after {}: {}", ShutdownSignals.name(), ExitCodes.message(e));
        }
        log.info("stopped on {}, exit {}", ShutdownSignals.name(), code);
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(code);
    }

    /**
     * The command ended by itself: normal exit, no stopping to do. Unless a signal came first: then the hook is
     * running and ends the process itself, closing the application once its jobs have stopped, so the command
     * waits for that here. Returning would let the command close the application under the hook, which may still
     * be asking the store about the run it stopped (a connection closed mid-query, logged with a stack trace).
     */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            try {
                hook.join();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
