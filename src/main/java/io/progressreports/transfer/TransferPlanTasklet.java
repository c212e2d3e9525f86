package io.progressreports.transfer;

import io.progressreports.store.DayPlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import java.time.LocalDate;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides which days to compute: those not stored, not complete, not final, or forced by --recompute. Without
 * the indexes that make a span cheap to read, each partition scans the table: slower, but the range still runs as
 * partitions side by side, each restartable on its own.
 */
public class TransferPlanTasklet implements Tasklet {

    private static final Logger LOG = LoggerFactory.getLogger(TransferPlanTasklet.class);

    private final TransferDayStore store;
    private final TransferRun run;
    private final int threads;

    /** @param threads partitions run side by side: the plan has at least as many when the days allow */
    public TransferPlanTasklet(TransferDayStore store, TransferRun run, int threads) {
        this.store = store;
        this.run = run;
        this.threads = threads;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        store.registerDefinition();
        LocalDate last = run.lastDay();
        DayPlan plan = DayPlan.of(run.range().from(), last, reusable(last), run.options().partitionDays(),
                threads);
        run.indexAdvice().forEach(advice -> LOG.warn("{}: each partition scans the whole table; this index would "
                + "let partitions read only their days: {}", run.jobName(), advice));
        LOG.info("{} {} to {}: computing {} days in {} partitions, reusing {} stored final days", run.jobName(),
                run.range().from(), run.range().to(), plan.computedDays(), plan.spans().size(), plan.reusedDays());
        chunkContext.getStepContext().getStepExecution().getExecutionContext()
                .putString(TransferJobConfiguration.PLAN, plan.encode());
        return RepeatStatus.FINISHED;
    }

    private Set<LocalDate> reusable(LocalDate last) {
        if (run.recompute()) {
            return Set.of();
        }
        return store.states(run.range().from(), last).stream()
                .filter(day -> day.complete() && day.isFinal() && run.isFinal(day.day())
                        && !day.asOf().isAfter(run.asOf()))
                .map(TransferDayStore.DayState::day)
                .collect(Collectors.toSet());
    }
}
