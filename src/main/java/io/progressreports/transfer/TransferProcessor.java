package io.progressreports.transfer;

import org.springframework.batch.infrastructure.item.ItemProcessor;

import java.time.LocalDate;
import java.util.function.Predicate;

/**
 * The step's processor: a thin adapter over the pure {@link TransferRules}; rows that are neither filtered, and so
 * are the records of days the step does not compute.
 */
public class TransferProcessor implements ItemProcessor<StepTimingRow, TimingRecord> {

    private final TransferRules rules;
    private final Predicate<LocalDate> computed;

    public TransferProcessor(TransferRules rules) {
        this(rules, day -> true);
    }

    /** @param computed the days whose records the step keeps (a pass over a range that holds reused days too) */
    public TransferProcessor(TransferRules rules, Predicate<LocalDate> computed) {
        this.rules = rules;
        this.computed = computed;
    }

    @Override
    public TimingRecord process(StepTimingRow row) {
        TimingRecord record = rules.classify(row);
        return record != null && computed.test(record.day()) ? record : null;
    }
}
