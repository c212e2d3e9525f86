package io.progressreports.day;

import org.springframework.batch.core.listener.ExecutionContextPromotionListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.listener.StepListener;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemReader;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

import java.util.function.IntFunction;

/**
 * The steps every day-based job shares the shape of: planning the days, computing them in partitions, and reporting
 * from the stored days.
 */
public final class DaySteps {

    /** The job parameter that gives the rows per chunk of {@link #worker} steps (and the readers' fetch size). */
    public static final String CHUNK_SIZE = "chunkSize";

    private DaySteps() {
    }

    /** A tasklet step that leaves its {@link DayPlan} under {@code planKey} in the job's execution context. */
    public static Step plan(String name, JobRepository jobRepository, PlatformTransactionManager transactions,
                            Tasklet planner, String planKey) {
        var promotion = new ExecutionContextPromotionListener();
        promotion.setKeys(new String[] {planKey});
        return new StepBuilder(name, jobRepository)
                .tasklet(planner, transactions)
                .listener(promotion)
                .build();
    }

    /** A job's last step: its report, from the stored days, in one transaction of the store. */
    public static Step report(String name, JobRepository jobRepository, PlatformTransactionManager transactions,
                              Tasklet reporter) {
        return new StepBuilder(name, jobRepository)
                .tasklet(reporter, transactions)
                .build();
    }

    /**
     * The plan's spans run as partitions of {@code worker}, at most {@code threads} at a time; {@code progress}
     * hears when they start and when the last one ends.
     */
    public static Step partitioned(String name, JobRepository jobRepository, Step worker, String workerName,
                                   Partitioner partitioner, int threads, StepExecutionListener progress) {
        var executor = new SimpleAsyncTaskExecutor(name + "-");
        executor.setConcurrencyLimit(threads);
        return new StepBuilder(name, jobRepository)
                .partitioner(workerName, partitioner)
                .step(worker)
                .taskExecutor(executor)
                .listener(progress)
                .build();
    }

    /**
     * A partition: reads its span's rows, maps them, and folds them into stored days in chunk transactions of the
     * job's {@link #CHUNK_SIZE} rows. {@code listeners} hear every row read (progress) and the step's end.
     */
    public static <I, O> Step worker(String name, JobRepository jobRepository, PlatformTransactionManager transactions,
                                     ItemReader<I> reader, ItemProcessor<I, O> processor,
                                     DayWriter<O, ?> writer, StepListener... listeners) {
        return new ChunkSizedStep(name, chunkSize -> {
            var step = new StepBuilder(name, jobRepository)
                    .<I, O>chunk(chunkSize)
                    .transactionManager(transactions)
                    .reader(reader)
                    .processor(processor)
                    .writer(writer)
                    .listener(writer);
            for (StepListener listener : listeners) {
                step.listener(listener);
            }
            return step.build();
        });
    }

    public static int chunkSize(JobParameters parameters) {
        return parameters.getLong(CHUNK_SIZE).intValue();
    }

    /**
     * A chunk-oriented step built for each execution with the chunk size of its job's parameters, so that one
     * application runs jobs of any chunk size. Spring Batch fixes the chunk size when it builds the step, and a step
     * cannot itself be job- or step-scoped (the job reads its name when it is built, and partitions run on threads
     * outside the job's scope); its reader, processor and writer are step-scoped already, so building costs little.
     */
    private record ChunkSizedStep(String name, IntFunction<Step> build) implements Step {

        @Override
        public String getName() {
            return name;
        }

        @Override
        public void execute(StepExecution execution) throws JobInterruptedException {
            build.apply(chunkSize(execution.getJobParameters())).execute(execution);
        }
    }
}
