package io.progressreports.failure;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * Failures of a database connection rather than of a statement: no connection in time, a refused or broken one
 * (SQLState class 08), or one the server ended (57P01 admin_shutdown, as pg_terminate_backend does; 57P02
 * crash_shutdown; 57P03 cannot_connect_now). The same statement on a new connection may well succeed.
 */
public final class ConnectionFailures {

    private static final Set<String> SERVER_ENDED = Set.of("57P01", "57P02", "57P03");

    private ConnectionFailures() {
    }

    /** This throwable itself, not its causes. */
    public static boolean is(Throwable t) {
        if (t instanceof SQLTransientConnectionException || t instanceof ConnectException) {
            return true;
        }
        return t instanceof SQLException sql && sql.getSQLState() != null
                && (sql.getSQLState().startsWith("08") || SERVER_ENDED.contains(sql.getSQLState()));
    }

    /** This throwable or any of its causes. */
    public static boolean inChain(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (is(t)) {
                return true;
            }
        }
        return false;
    }
}
