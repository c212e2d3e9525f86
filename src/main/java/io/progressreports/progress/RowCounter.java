package io.progressreports.progress;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.ItemReadListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the rows that the partitions of a job execution read, into one counter per execution that its
 * partitions' threads add to side by side. Registered on the worker step: a partition runs on one thread from
 * beforeStep to afterStep, so that thread keeps its execution's counter at hand instead of looking it up per row.
 */
public final class RowCounter implements ItemReadListener<Object>, StepExecutionListener {

    private final Map<Long, LongAdder> executions = new ConcurrentHashMap<>();
    private final ThreadLocal<LongAdder> partition = new ThreadLocal<>();

    LongAdder open(long jobExecutionId) {
        var rows = new LongAdder();
        executions.put(jobExecutionId, rows);
        return rows;
    }

    void close(long jobExecutionId) {
        executions.remove(jobExecutionId);
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        // Only the partitioned step opens counters; a worker started any other way counts into nothing.
        partition.set(executions.getOrDefault(stepExecution.getJobExecutionId(), new LongAdder()));
    }

    @Override
    public void afterRead(Object item) {
        partition.get().increment();
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        partition.remove();
        return stepExecution.getExitStatus();
    }
}
