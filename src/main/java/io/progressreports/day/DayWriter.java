package io.progressreports.day;

import io.progressreports.report.DateRange;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Folds each chunk into its days and stores those days (and the chunk's detail rows) in the chunk's
 * transaction, together with the reader's position: after a crash the stored days and the restart point agree,
 * so nothing is counted twice. A span's days are marked complete when its step completes.
 * <p>
 * A writer can also {@linkplain #adding add} to days other steps computed: it starts from what they stored, and it is
 * the one that marks them complete, once it has added all its rows.
 */
public class DayWriter<R, A> implements ItemStreamWriter<R>, StepExecutionListener {

    /** Per-row output of a chunk (dropoffs, rejects), written in the chunk's transaction. */
    @FunctionalInterface
    public interface Details<R> {
        void write(List<? extends R> records);
    }

    private static final Logger LOG = LoggerFactory.getLogger(DayWriter.class);
    private static final String STARTED = "dayWriter.started";
    /**
     * Days kept decoded between chunks. Rows come in about day order, so a few suffice and the rest are read back
     * from the store when a late row needs them: a partition's memory does not grow with its days (each day holds
     * histograms of a megabyte or more).
     */
    private static final int DAYS_KEPT = 8;

    private final DayStore<A> store;
    private final DayFolding<R, A> folding;
    private final Details<R> details;
    private final TransactionTemplate transactions;
    private final LocalDate from;
    private final LocalDate to;
    /** Whether the writer's days start empty (a partition's own days) or as stored (days it adds to). */
    private final boolean fresh;
    /** The spans whose days are complete when the writer's step completes. */
    private final List<DateRange> completes;
    private final Map<LocalDate, A> days = new LinkedHashMap<>(2 * DAYS_KEPT, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<LocalDate, A> eldest) {
            if (size() > DAYS_KEPT) {
                released.add(eldest.getKey());
                return true;
            }
            return false;
        }
    };
    /** Days the store may hold rows of that are not kept here; any other day not kept is still empty. */
    private final Set<LocalDate> released = new HashSet<>();

    /** A partition's writer: its span's days start empty, and are complete when its step completes. */
    public DayWriter(DayStore<A> store, DayFolding<R, A> folding, Details<R> details,
                     TransactionTemplate transactions, LocalDate from, LocalDate to) {
        this(store, folding, details, transactions, from, to, true, List.of(new DateRange(from, to)));
    }

    private DayWriter(DayStore<A> store, DayFolding<R, A> folding, Details<R> details,
                      TransactionTemplate transactions, LocalDate from, LocalDate to, boolean fresh,
                      List<DateRange> completes) {
        this.store = store;
        this.folding = folding;
        this.details = details;
        this.transactions = transactions;
        this.from = from;
        this.to = to;
        this.fresh = fresh;
        this.completes = completes;
    }

    /** A partition's writer whose days another step adds to afterwards: that step marks them complete. */
    public static <R, A> DayWriter<R, A> leavingIncomplete(DayStore<A> store, DayFolding<R, A> folding,
                                                           Details<R> details, TransactionTemplate transactions,
                                                           LocalDate from, LocalDate to) {
        return new DayWriter<>(store, folding, details, transactions, from, to, true, List.of());
    }

    /**
     * A writer adding rows to the days of {@code spans}, which their partitions stored (and left incomplete): it
     * starts from the stored days, and marks them complete when its step completes. Its rows must be of those days.
     */
    public static <R, A> DayWriter<R, A> adding(DayStore<A> store, DayFolding<R, A> folding, Details<R> details,
                                                TransactionTemplate transactions, List<DateRange> spans) {
        return new DayWriter<>(store, folding, details, transactions, spans.get(0).from(),
                spans.get(spans.size() - 1).to(), false, spans);
    }

    /** A writer adding rows to the days of {@code spans}, as {@link #adding}, whose days a later step completes. */
    public static <R, A> DayWriter<R, A> addingLeavingIncomplete(DayStore<A> store, DayFolding<R, A> folding,
                                                                 Details<R> details, TransactionTemplate transactions,
                                                                 List<DateRange> spans) {
        return new DayWriter<>(store, folding, details, transactions, spans.get(0).from(),
                spans.get(spans.size() - 1).to(), false, List.of());
    }

    @Override
    public void open(ExecutionContext context) {
        if (!fresh || context.containsKey(STARTED)) {
            // A restarted partition finds its days as its last committed chunk stored them; a writer adding to days
            // finds them as their partitions (and its own committed chunks) stored them.
            from.datesUntil(to.plusDays(1)).forEach(released::add);
        } else {
            transactions.executeWithoutResult(status -> store.reset(from, to));
            context.putString(STARTED, "true");
        }
    }

    @Override
    public void write(Chunk<? extends R> chunk) {
        Map<LocalDate, A> touched = new HashMap<>();
        // Days are folded in place, not copied (a copy per chunk of a megabyte-sized day is garbage that outlives
        // young collections): a rolled-back chunk's days are let go of, and read back as stored when next needed.
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                if (status == STATUS_COMMITTED) {
                    days.putAll(touched);
                } else {
                    touched.keySet().forEach(days::remove);
                    released.addAll(touched.keySet());
                }
            }
        });
        for (R record : chunk) {
            folding.add(touched.computeIfAbsent(folding.day(record), this::day), record);
        }
        touched.forEach(store::save);
        details.write(chunk.getItems());
    }

    private A day(LocalDate day) {
        if (day.isBefore(from) || day.isAfter(to)) {
            throw new IllegalStateException("row of day " + day + " read for span " + from + ".." + to);
        }
        A kept = days.get(day);
        if (kept != null) {
            return kept;
        }
        return released.contains(day) ? store.load(day).orElseGet(folding::empty) : folding.empty();
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        if (stepExecution.getStatus() == BatchStatus.COMPLETED) {
            transactions.executeWithoutResult(status -> completes.forEach(span -> store.complete(span.from(),
                    span.to())));
            double seconds = Math.max(0.001, Duration.between(stepExecution.getStartTime(), LocalDateTime.now())
                    .toMillis() / 1000.0);
            LOG.info("days {} to {}: {} rows in {} s ({} rows/s)", from, to, stepExecution.getReadCount(),
                    String.format(Locale.ROOT, "%.1f", seconds),
                    String.format(Locale.ROOT, "%,.0f", stepExecution.getReadCount() / seconds));
        }
        return stepExecution.getExitStatus();
    }
}
