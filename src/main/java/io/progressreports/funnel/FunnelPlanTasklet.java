package io.progressreports.funnel;

import io.progressreports.day.DayPlan;
import io.progressreports.day.DayReasons;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import java.time.LocalDate;
import java.util.HashMap;

/**
 * Decides which cohort days to compute: those not stored for this definition (source and format included), not
 * complete, not final, or forced by --recompute; and says why.
 */
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
        var stored = new HashMap<LocalDate, String>();
        store.states(run.range().from(), last).forEach(day -> stored.put(day.day(), notReusable(day)));
        DayPlan plan = DayReasons.plan(run.range().from(), last, stored, run.recompute(),
                store.otherDefinitions(run.range().from(), last), run.definitionJson(),
                run.options().partitionDays(), threads);
        LOG.info("{} {} to {}: computing {} cohort days in {} partitions (why: {}), reusing {} stored final days",
                run.jobName(), run.range().from(), run.range().to(), plan.computedDays(), plan.spans().size(),
                plan.reasons(), plan.reusedDays());
        chunkContext.getStepContext().getStepExecution().getExecutionContext()
                .putString(FunnelJobConfiguration.PLAN, plan.encode());
        return RepeatStatus.FINISHED;
    }

    /** Why a stored day of this definition must be computed again, or null when it can be reused. */
    private String notReusable(FunnelDayStore.DayState day) {
        if (!day.complete()) {
            return DayReasons.INCOMPLETE;
        }
        if (!day.isFinal() || !run.isFinal(day.day())) {
            return DayReasons.NOT_FINAL;
        }
        if (day.asOf().isAfter(run.asOf())) {
            return DayReasons.LATER_AS_OF;
        }
        return day.withDropoffs() || !run.dropoffs() ? null : "stored without dropoffs";
    }
}
