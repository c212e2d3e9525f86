package io.progressreports.funnel;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

import java.sql.Array;
import java.sql.SQLException;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Action rows whose code the job file's action-codes does not name, in one partition. The funnel cannot tell
 * which action they are, so it ignores them, but it says so, with the codes, so that a code the source started
 * writing is noticed rather than silently missing from the report. A log warning, not a data_quality.csv
 * finding: findings count namespace rows of stored days against the definition's actions, and these are action
 * rows outside every action of the definition. After a restart it counts the rows read since.
 */
public class UnmappedActionCodes implements StepExecutionListener {

    private static final Logger LOG = LoggerFactory.getLogger(UnmappedActionCodes.class);

    private final String from;
    private final String to;
    private final SortedSet<Long> codes = new TreeSet<>();
    private long rows;

    public UnmappedActionCodes(String from, String to) {
        this.from = from;
        this.to = to;
    }

    /** @param unmapped one namespace's unnamed codes, a row each; null when it has none */
    void add(Array unmapped) throws SQLException {
        if (unmapped == null) {
            return;
        }
        for (Object code : (Object[]) unmapped.getArray()) {
            codes.add(((Number) code).longValue());
            rows++;
        }
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        if (rows > 0) {
            LOG.warn("days {} to {}: ignored {} action rows with codes that action-codes does not name: {}", from, to,
                    rows, codes);
        }
        return stepExecution.getExitStatus();
    }
}
