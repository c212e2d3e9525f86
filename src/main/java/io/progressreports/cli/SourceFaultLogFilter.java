package io.progressreports.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import io.progressreports.failure.SourceConnectionException;
import io.progressreports.failure.SourceQueryException;
import io.progressreports.failure.UsageException;
import org.slf4j.Marker;
import org.springframework.batch.core.job.JobExecutionException;

/**
 * Drops the stack traces logged for each partition that failed on the source (a lost connection, a read timeout, a
 * refused grant, a statement timeout), by Spring Batch and by the pool that closes the broken connection: the run
 * reports those in one line naming the source and its tables, and a restart is logged by JobLaunches. Also the
 * partitioned step's own trace, which only says that a partition failed, after that partition's. And a usage error a
 * partition finds in the rows (a breakdown column of too many values), which the run tells in one line too. Every
 * other failure keeps its trace.
 */
public class SourceFaultLogFilter extends TurboFilter {

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
                              Throwable failure) {
        if (failure instanceof JobExecutionException && String.valueOf(failure.getMessage()).startsWith("Partition")) {
            return FilterReply.DENY;
        }
        // HikariCP: "{pool} - Connection {} marked as broken because of SQLSTATE({}), ErrorCode({})"
        if (logger.getName().equals("com.zaxxer.hikari.pool.ProxyConnection") && params != null && params.length > 0
                && "source".equals(params[0])) {
            return FilterReply.DENY;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SourceQueryException || t instanceof SourceConnectionException
                    || t instanceof UsageException) {
                return FilterReply.DENY;
            }
        }
        return FilterReply.NEUTRAL;
    }
}
