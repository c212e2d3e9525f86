package io.progressreports.source;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * The source's connection failed while a partition read it: told apart from the store's failures, because a run
 * that loses its source mid-read is restarted from its last committed chunk (see JobLaunches), and a run that
 * gives up names the source.
 */
public class SourceConnectionException extends DataAccessResourceFailureException {

    private SourceConnectionException(DataAccessException cause) {
        super("lost the source connection: " + cause.getMessage(), cause);
    }

    /** The failure marked as the source's if it is a connection failure, else as it is. */
    public static DataAccessException marked(DataAccessException failure) {
        return failure instanceof SourceConnectionException || !ConnectionFailures.inChain(failure) ? failure
                : new SourceConnectionException(failure);
    }
}
