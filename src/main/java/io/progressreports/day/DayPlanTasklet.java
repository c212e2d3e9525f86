package io.progressreports.day;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Decides which days of a run to compute: those not stored for this definition (source and format included), not
 * complete, not final, stored by a run with a later as-of, failing the kind's own reuse rule, or forced by
 * --recompute; and says why. The plan goes into the job's execution context under the kind's key.
 */
public class DayPlanTasklet implements Tasklet {

    private static final Logger LOG = LoggerFactory.getLogger(DayPlanTasklet.class);

    /** A kind's day store, as the plan reads it. */
    public interface PlannedDays {

        void registerDefinition();

        Map<LocalDate, List<String>> otherDefinitions(LocalDate from, LocalDate to);

        List<DayTable.DayState> states(LocalDate from, LocalDate to);
    }

    /**
     * @param unit     what a day is, for the log line: "days", "cohort days"
     * @param warnings logged before the plan (a transfer run's missing indexes)
     */
    public record Planning(DayRun run, String planKey, String unit, List<String> warnings) {
    }

    private final PlannedDays store;
    private final Planning planning;
    private final Function<DayTable.DayState, String> kindReason;
    private final int threads;

    /**
     * @param kindReason why the kind cannot reuse a stored day that is complete, final and not later, or null
     * @param threads    partitions run side by side: the plan has at least as many when the days allow
     */
    public DayPlanTasklet(PlannedDays store, Planning planning, Function<DayTable.DayState, String> kindReason,
                          int threads) {
        this.store = store;
        this.planning = planning;
        this.kindReason = kindReason;
        this.threads = threads;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        store.registerDefinition();
        DayRun run = planning.run();
        LocalDate from = run.range().from();
        var stored = new HashMap<LocalDate, String>();
        store.states(from, run.lastDay()).forEach(day -> stored.put(day.day(), notReusable(day)));
        DayPlan plan = DayReasons.plan(from, run.lastDay(), stored, run.recompute(),
                store.otherDefinitions(from, run.lastDay()), run.definitionJson(), run.partitionDays(), threads);
        planning.warnings().forEach(LOG::warn);
        LOG.info("{} {} to {}: computing {} {} in {} partitions (why: {}), reusing {} stored final days",
                run.jobName(), from, run.range().to(), plan.computedDays(), planning.unit(),
                plan.spans().size(), plan.reasons(), plan.reusedDays());
        chunkContext.getStepContext().getStepExecution().getExecutionContext()
                .putString(planning.planKey(), plan.encode());
        return RepeatStatus.FINISHED;
    }

    /** Why a stored day of this definition must be computed again, or null when it can be reused. */
    private String notReusable(DayTable.DayState day) {
        if (!day.complete()) {
            return DayReasons.INCOMPLETE;
        }
        if (!day.isFinal() || !planning.run().isFinal(day.day())) {
            return DayReasons.NOT_FINAL;
        }
        if (day.asOf().isAfter(planning.run().asOf())) {
            return DayReasons.LATER_AS_OF;
        }
        return kindReason.apply(day);
    }
}
