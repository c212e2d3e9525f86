package io.progressreports.progress;

import io.progressreports.day.DayPlan;
import io.progressreports.settings.ReportsProperties;
import io.progressreports.source.SpanQuery;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.function.BiFunction;
import javax.sql.DataSource;

/** Progress of the day-computing steps: one listener for a job's partitioned step, one for the workers of all. */
@Component
public class ProgressTracking {

    private final RowCounter rows = new RowCounter();
    private final DataSource source;
    private final ReportsProperties properties;

    /** The source is lazy: commands that never read it must not need its settings. */
    public ProgressTracking(@Qualifier("sourceDataSource") @Lazy DataSource source, ReportsProperties properties) {
        this.source = source;
        this.properties = properties;
    }

    /**
     * @param planKey where the job's execution context holds its {@link io.progressreports.day.DayPlan}
     * @param queries the span query of a run, from its job parameters and plan
     */
    public StepExecutionListener partitions(String planKey, BiFunction<Map<String, Object>, DayPlan, SpanQuery> queries) {
        return new ReadProgress(rows, source, properties.progressInterval(), planKey, queries);
    }

    public RowCounter workers() {
        return rows;
    }
}
