package io.progressreports.progress;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/** Progress for cron and other runs without a terminal: a log line every interval, the log being all they keep. */
final class ProgressLogLines implements ProgressDisplay {

    private static final Logger LOG = LoggerFactory.getLogger(ProgressLogLines.class);

    private final String job;
    private final Duration interval;

    ProgressLogLines(String job, Duration interval) {
        this.job = job;
        this.interval = interval;
    }

    @Override
    public Duration period() {
        return interval;
    }

    @Override
    public void show(ProgressFigures figures) {
        LOG.info(figures.line(job));
    }

    @Override
    public void close() {
        // every line is already written
    }
}
