package io.progressreports.failure;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;

import java.net.SocketTimeoutException;

/**
 * The source's connection failed while a partition read it: told apart from the store's failures, because a run
 * that loses its source mid-read is restarted from its last committed chunk (see JobLaunches), and a run that
 * gives up names the source. A read that timed out (pgjdbc's socketTimeout, see source.DataSources) is one too,
 * but a source that answers nothing for that long is not retried.
 */
public class SourceConnectionException extends DataAccessResourceFailureException {

    private final String tables;

    SourceConnectionException(DataAccessException cause, String tables) {
        super("lost the source connection: " + cause.getMessage(), cause);
        this.tables = tables;
    }

    public String tables() {
        return tables;
    }

    /** The source sent nothing for the read timeout; pgjdbc closed the connection. */
    public boolean timedOut() {
        for (Throwable t = getCause(); t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }
}
