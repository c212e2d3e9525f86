package io.progressreports.progress;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Duration;
import java.util.Locale;

/** Progress for a person at a terminal: a bar redrawn in place, on stderr because stdout carries the result. */
final class ProgressBarDisplay implements ProgressDisplay {

    private static final Duration REDRAW = Duration.ofMillis(250);

    private final ProgressBar bar;

    ProgressBarDisplay(String job, long estimate) {
        bar = new ProgressBarBuilder()
                .setTaskName(job)
                .setInitialMax(Math.max(1, estimate))
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .setUnit(" rows", 1)
                .showSpeed(new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT)))
                .setUpdateIntervalMillis((int) REDRAW.toMillis())
                .setEtaFunction(state -> new ProgressFigures(state.getCurrent(), state.getMax(),
                        state.getElapsedAfterStart()).eta())
                .build();
    }

    @Override
    public Duration period() {
        return REDRAW;
    }

    @Override
    public void show(ProgressFigures figures) {
        if (figures.rowsRead() > bar.getMax()) {
            bar.maxHint(figures.rowsRead());
        }
        bar.stepTo(figures.rowsRead());
    }

    @Override
    public void close() {
        bar.close();
    }
}
