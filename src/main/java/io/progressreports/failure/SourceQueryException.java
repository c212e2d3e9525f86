package io.progressreports.failure;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.NonTransientDataAccessException;

import java.sql.SQLException;

/**
 * A query of the source failed with its connection intact: the server refused or ended the statement. Told apart
 * from the store's failures and named by the tables it read, because the remedy lies with the source's owner (a
 * grant, a statement_timeout), not with this tool.
 */
public class SourceQueryException extends NonTransientDataAccessException {

    /** insufficient_privilege: no SELECT on a table, or it was revoked between two queries of the run. */
    private static final String PERMISSION_DENIED = "42501";
    /** query_canceled: the role's or database's statement_timeout, or pg_cancel_backend. */
    private static final String QUERY_CANCELED = "57014";

    private final String tables;
    private final String sqlState;

    private SourceQueryException(String tables, SQLException sql, DataAccessException cause) {
        super("source query reading " + tables + " failed: " + reason(sql, cause), cause);
        this.tables = tables;
        this.sqlState = sql == null ? null : sql.getSQLState();
    }

    /**
     * A failure of a query reading {@code tables} from the source, marked as the source's: a lost connection as a
     * {@link SourceConnectionException} (the run restarts it), any other as a SourceQueryException.
     */
    public static DataAccessException marked(DataAccessException failure, String tables) {
        if (failure instanceof SourceConnectionException || failure instanceof SourceQueryException) {
            return failure;
        }
        if (ConnectionFailures.inChain(failure)) {
            return new SourceConnectionException(failure, tables);
        }
        return new SourceQueryException(tables, innermostSql(failure), failure);
    }

    public String tables() {
        return tables;
    }

    public boolean permissionDenied() {
        return PERMISSION_DENIED.equals(sqlState);
    }

    public boolean canceled() {
        return QUERY_CANCELED.equals(sqlState);
    }

    /** What the server said, in one line, without the driver's "ERROR: " prefix. */
    public String reason() {
        return reason(innermostSql(this), getCause());
    }

    private static String reason(SQLException sql, Throwable failure) {
        String message = sql != null ? sql.getMessage() : failure.getMessage();
        message = message == null ? failure.getClass().getSimpleName() : message;
        return message.lines().findFirst().orElse(message).replaceFirst("^ERROR: ", "");
    }

    private static SQLException innermostSql(Throwable failure) {
        SQLException sql = null;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException e) {
                sql = e;
            }
        }
        return sql;
    }
}
