package io.progressreports.funnel;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/** The step's processor: a thin adapter over the pure {@link FunnelEvaluator}. */
public class FunnelProcessor implements ItemProcessor<OnboardingRow, ProgressRecord> {

    private final FunnelEvaluator evaluator;

    public FunnelProcessor(FunnelEvaluator evaluator) {
        this.evaluator = evaluator;
    }

    @Override
    public ProgressRecord process(OnboardingRow row) {
        return evaluator.evaluate(row);
    }
}
