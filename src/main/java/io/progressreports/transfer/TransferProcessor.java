package io.progressreports.transfer;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/** The step's processor: a thin adapter over the pure {@link TransferRules}; rows that are neither filtered. */
public class TransferProcessor implements ItemProcessor<StepTimingRow, TimingRecord> {

    private final TransferRules rules;

    public TransferProcessor(TransferRules rules) {
        this.rules = rules;
    }

    @Override
    public TimingRecord process(StepTimingRow row) {
        return rules.classify(row);
    }
}
