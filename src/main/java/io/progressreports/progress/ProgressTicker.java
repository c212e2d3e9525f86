package io.progressreports.progress;

import java.io.Console;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A run's reading from its start: shows its figures on the display that suits the process, every period on a
 * daemon thread, until closed.
 */
final class ProgressTicker implements AutoCloseable {

    private final String job;
    private final long estimate;
    private final LongSupplier rows;
    private final long startNanos = System.nanoTime();
    private final ProgressDisplay display;
    private final ScheduledExecutorService timer;

    ProgressTicker(String job, long estimate, LongSupplier rows, Duration logInterval) {
        this.job = job;
        this.estimate = estimate;
        this.rows = rows;
        // The bar draws '\r' updates whatever the output is: only a terminal shows them as one line.
        display = onTerminal() ? new ProgressBarDisplay(job, estimate) : new ProgressLogLines(job, logInterval);
        timer = Executors.newSingleThreadScheduledExecutor(task -> {
            var thread = new Thread(task, "progress-" + job);
            thread.setDaemon(true);
            return thread;
        });
        long period = display.period().toMillis();
        timer.scheduleAtFixedRate(() -> display.show(figures()), period, period, TimeUnit.MILLISECONDS);
    }

    String job() {
        return job;
    }

    ProgressFigures figures() {
        return new ProgressFigures(rows.getAsLong(), estimate, Duration.ofNanos(System.nanoTime() - startNanos));
    }

    private static boolean onTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        // From Java 22 System.console() exists even when redirected, and isTerminal() tells the difference.
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            // A line being written as the step ends comes before the summary, not after it.
            timer.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        display.close();
    }
}
