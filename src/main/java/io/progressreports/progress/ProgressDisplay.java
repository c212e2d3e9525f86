package io.progressreports.progress;

import java.time.Duration;

/** Where a run's progress shows: a bar on a terminal, log lines without one. */
interface ProgressDisplay extends AutoCloseable {

    /** How often {@link #show} is worth calling. */
    Duration period();

    void show(ProgressFigures figures);

    @Override
    void close();
}
