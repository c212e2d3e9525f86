package io.progressreports.cli;

import io.progressreports.launch.RunningExecutions;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

/**
 * The Spring application a command runs its jobs in, one for all of them (chunk size is a job parameter). Started
 * on first use, so that a command refused for its flags or job file starts nothing, and closed with the command.
 */
public final class LazyApplication implements AutoCloseable {

    private final SpringSettings settings;
    private ConfigurableApplicationContext started;
    private int inUse;

    public LazyApplication(SpringSettings settings) {
        this.settings = settings;
    }

    /** Synchronized with {@link #close}, so that SIGTERM during a start waits for it and closes what it started. */
    public synchronized ConfigurableApplicationContext get() {
        if (started == null) {
            started = settings.start();
        }
        return started;
    }

    /**
     * Runs {@code work} in the application. {@link #stopRunningJobs} waits for it to return: a stopped run still
     * records its outcome and releases its run lock in the store.
     */
    <T> T use(Function<? super ConfigurableApplicationContext, T> work) {
        synchronized (this) {
            inUse++;
        }
        try {
            return work.apply(get());
        } finally {
            synchronized (this) {
                inUse--;
                notifyAll();
            }
        }
    }

    /**
     * Stops the job executions running in the application at their next chunk boundary, and waits for them and for
     * the work that launched them ({@link #use}) until the deadline.
     *
     * @return whether any execution had to be stopped
     */
    boolean stopRunningJobs(Instant deadline) {
        ConfigurableApplicationContext application;
        synchronized (this) {
            application = started;
        }
        if (application == null) {
            return false;
        }
        boolean stopped;
        try {
            stopped = application.getBean(RunningExecutions.class).stopAll(deadline);
        } catch (IllegalStateException e) {
            // Closed by its command in the meantime, its runs over.
            return false;
        }
        awaitUnused(deadline);
        return stopped;
    }

    private synchronized void awaitUnused(Instant deadline) {
        try {
            for (long left = Duration.between(Instant.now(), deadline).toMillis(); inUse > 0 && left > 0;
                 left = Duration.between(Instant.now(), deadline).toMillis()) {
                wait(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void close() {
        if (started != null) {
            started.close();
            started = null;
        }
    }
}
