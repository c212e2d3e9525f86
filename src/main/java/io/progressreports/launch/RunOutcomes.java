package io.progressreports.launch;

import io.progressreports.alert.BrokenRules;
import io.progressreports.failure.ExitCodes;
import io.progressreports.failure.JobFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * The exit code each job execution ended with, in the store's run_outcome table: Spring Batch records a status,
 * and {@code history} shows what cron or a person saw.
 */
@Component
public class RunOutcomes {

    private static final Logger LOG = LoggerFactory.getLogger(RunOutcomes.class);

    private final JdbcClient store;

    public RunOutcomes(DataSource storeDataSource) {
        this.store = JdbcClient.create(storeDataSource);
    }

    /**
     * The same code the process exits with: a failed execution's launch throws with its telling failure
     * ({@link JobFailedException#cause}) as the cause, and the CLI maps that cause.
     */
    public static int exitCode(JobExecution execution) {
        return switch (execution.getStatus()) {
            // Its report is published and its days reusable, but cron was told the data went bad, or a rule broke.
            case COMPLETED -> RejectRate.exceeded(execution.getExecutionContext()).isPresent() ? ExitCodes.DATA
                    : BrokenRules.from(execution.getExecutionContext()).isEmpty() ? ExitCodes.OK : ExitCodes.ALERT;
            case STOPPED -> ExitCodes.stopped();
            default -> ExitCodes.of(JobFailedException.cause(execution));
        };
    }

    /** A store that fails here has already served the run; its report stands, so this only warns. */
    public void record(JobExecution execution) {
        try {
            store.sql("""
                            insert into run_outcome (job_execution_id, exit_code) values (:id, :exitCode)
                            on conflict (job_execution_id) do update set exit_code = excluded.exit_code,
                                recorded_at = now()""")
                    .param("id", execution.getId())
                    .param("exitCode", exitCode(execution))
                    .update();
        } catch (DataAccessException e) {
            LOG.warn("cannot record the exit code of execution {}: {}", execution.getId(),
                    ExitCodes.message(e));
        }
    }

    /** Exit codes by execution id; executions without one (running, or killed) are absent. */
    public Map<Long, Integer> exitCodes(Collection<Long> executionIds) {
        if (executionIds.isEmpty()) {
            return Map.of();
        }
        return store.sql("select job_execution_id, exit_code from run_outcome where job_execution_id in (:ids)")
                .param("ids", executionIds)
                .query((rs, i) -> Map.entry(rs.getLong(1), rs.getInt(2)))
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
