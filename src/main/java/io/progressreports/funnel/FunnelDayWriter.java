package io.progressreports.funnel;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;

/**
 * Folds each chunk into its cohort days and stores those days in the chunk's transaction, together with the
 * reader's position: after a crash the stored days and the restart point agree, so nothing is counted twice.
 */
public class FunnelDayWriter implements ItemStreamWriter<ProgressRecord>, StepExecutionListener {

    private static final Logger LOG = LoggerFactory.getLogger(FunnelDayWriter.class);

    private static final String STARTED = "funnelDayWriter.started";

    private final FunnelDayStore store;
    private final TransactionTemplate transactions;
    private final LocalDate from;
    private final LocalDate to;
    private final long[] ageLimits;
    private final boolean dropoffs;
    private final int lastStep;
    private final FunnelDefinition definition;
    private Map<LocalDate, FunnelDayAggregate> days = new HashMap<>();

    public FunnelDayWriter(FunnelDayStore store, TransactionTemplate transactions, FunnelRun run, LocalDate from,
                           LocalDate to) {
        this.store = store;
        this.transactions = transactions;
        this.from = from;
        this.to = to;
        this.ageLimits = run.definition().completionAges().stream().mapToLong(Micros::of).toArray();
        this.dropoffs = run.dropoffs();
        this.lastStep = run.definition().stepCount();
        this.definition = run.definition();
    }

    @Override
    public void open(ExecutionContext context) {
        if (context.containsKey(STARTED)) {
            days = new HashMap<>(store.load(from, to));
        } else {
            transactions.executeWithoutResult(status -> store.reset(from, to));
            context.putString(STARTED, "true");
        }
    }

    @Override
    public void write(Chunk<? extends ProgressRecord> chunk) {
        Map<LocalDate, FunnelDayAggregate> touched = new HashMap<>();
        var dropped = new ArrayList<NamespaceOutcome>();
        for (ProgressRecord record : chunk) {
            touched.computeIfAbsent(record.cohortDay(), this::copyOf).add(record, ageLimits);
            if (dropoffs && record instanceof NamespaceOutcome outcome && outcome.stepsReached() < lastStep) {
                dropped.add(outcome);
            }
        }
        touched.forEach(store::save);
        store.saveDropoffs(dropped);
        // The in-memory days move on only if the chunk commits; a rolled-back chunk leaves them as stored.
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                days.putAll(touched);
            }
        });
    }

    private FunnelDayAggregate copyOf(LocalDate day) {
        FunnelDayAggregate stored = days.get(day);
        if (stored != null) {
            return stored.copy();
        }
        if (day.isBefore(from) || day.isAfter(to)) {
            throw new IllegalStateException("row of cohort day " + day + " read for span " + from + ".." + to);
        }
        return FunnelDayAggregate.empty(definition);
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        if (stepExecution.getStatus() == BatchStatus.COMPLETED) {
            transactions.executeWithoutResult(status -> store.complete(from, to));
            double seconds = Math.max(0.001, Duration.between(stepExecution.getStartTime(), LocalDateTime.now())
                    .toMillis() / 1000.0);
            LOG.info("cohort days {} to {}: {} rows in {} s ({} rows/s)", from, to, stepExecution.getReadCount(),
                    String.format(Locale.ROOT, "%.1f", seconds),
                    String.format(Locale.ROOT, "%,.0f", stepExecution.getReadCount() / seconds));
        }
        return stepExecution.getExitStatus();
    }
}
