package io.progressreports.funnel;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/** The step's processor: a thin adapter over the pure {@link FunnelEvaluator}. */
public class FunnelProcessor implements ItemProcessor<OnboardingRow, OnboardingRecord> {

    private final FunnelEvaluator evaluator;

    public FunnelProcessor(FunnelEvaluator evaluator) {
        this.evaluator = evaluator;
    }

    @Override
    public OnboardingRecord process(OnboardingRow row) {
        return evaluator.evaluate(row);
    }
}
