package io.progressreports.funnel;

import io.progressreports.store.DayPlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import java.time.LocalDate;
import java.util.Set;
import java.util.stream.Collectors;

/** Decides which cohort days to compute: those not stored, not complete, not final, or forced by --recompute. */
public class FunnelPlanTasklet implements Tasklet {

    private static final Logger LOG = LoggerFactory.getLogger(FunnelPlanTasklet.class);

    private final FunnelDayStore store;
    private final FunnelRun run;
    private final int threads;

    /** @param threads partitions run side by side: the plan has at least as many when the days allow */
    public FunnelPlanTasklet(FunnelDayStore store, FunnelRun run, int threads) {
        this.store = store;
        this.run = run;
        this.threads = threads;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        store.registerDefinition();
        LocalDate last = run.lastCohortDay();
        Set<LocalDate> reusable = run.recompute() ? Set.of()
                : store.states(run.range().from(), last).stream()
                        .filter(day -> day.complete() && day.isFinal() && run.isFinal(day.day())
                                && !day.asOf().isAfter(run.asOf())
                                && (day.withDropoffs() || !run.dropoffs()))
                        .map(FunnelDayStore.DayState::day)
                        .collect(Collectors.toSet());
        DayPlan plan = DayPlan.of(run.range().from(), last, reusable, run.options().partitionDays(),
                threads);
        LOG.info("{} {} to {}: computing {} cohort days in {} partitions, reusing {} stored final days",
                run.jobName(), run.range().from(), run.range().to(), plan.computedDays(), plan.spans().size(),
                plan.reusedDays());
        chunkContext.getStepContext().getStepExecution().getExecutionContext()
                .putString(FunnelJobConfiguration.PLAN, plan.encode());
        return RepeatStatus.FINISHED;
    }
}
