package io.progressreports.failure;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

import java.sql.SQLException;
import java.util.Set;

/** sysexits(3) codes, as design.md's contract fixes them, and the one that fits a failure. */
public final class ExitCodes {

    public static final int OK = 0;
    /**
     * The report is published, but the run broke an alert rule of its job file: an addition to design.md's list,
     * below sysexits' range, since nothing failed. Any error code takes precedence.
     */
    public static final int ALERT = 3;
    public static final int USAGE = 64;
    public static final int DATA = 65;
    public static final int UNAVAILABLE = 69;
    public static final int SOFTWARE = 70;
    public static final int CANNOT_CREATE = 73;
    public static final int TEMPORARY = 75;
    /** The source refused a read: the role lacks SELECT on a table (SQLState 42501). */
    public static final int PERMISSION = 77;
    /** 128 + SIGTERM, as a shell reports a process the signal ended: its running jobs were stopped, resumable. */
    public static final int TERMINATED = 143;
    /** 128 + SIGINT (Ctrl-C), as {@link #TERMINATED}. */
    public static final int INTERRUPTED = 130;

    /** serialization_failure and deadlock_detected: the same transaction run again would likely succeed. */
    private static final Set<String> RETRY_TRANSACTION = Set.of("40001", "40P01");

    private ExitCodes() {
    }

    public static int of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UsageException || t instanceof BindException) {
                return USAGE;
            }
            if (t instanceof RunLockedException) {
                return TEMPORARY;
            }
            if (t instanceof JobFailedException failed && failed.stopped()) {
                return stopped();
            }
            if (t instanceof OutputException) {
                return CANNOT_CREATE;
            }
            if (t instanceof StoreFolderException folder) {
                return folder.kind() == StoreFolderException.Kind.FOREIGN ? CANNOT_CREATE : UNAVAILABLE;
            }
            if (t instanceof TooManyRejectsException) {
                return DATA;
            }
            if (t instanceof SourcePermissionException
                    || t instanceof SourceQueryException query && query.permissionDenied()) {
                return PERMISSION;
            }
            if (t instanceof SourceQueryException query && query.canceled()) {
                return UNAVAILABLE;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && RETRY_TRANSACTION.contains(sql.getSQLState())) {
                return TEMPORARY;
            }
            if (t instanceof CannotGetJdbcConnectionException || t instanceof DataAccessResourceFailureException
                    || t instanceof SourceUnavailableException || ConnectionFailures.is(t)) {
                return UNAVAILABLE;
            }
        }
        return SOFTWARE;
    }

    /** A run stopped at a chunk boundary: 143 or 130, after the signal that stopped it. */
    public static int stopped() {
        return ShutdownSignals.exitCode();
    }

    /**
     * The most telling message in a cause chain: ours if any, else the setting Spring could not bind and why, else
     * the database driver's (it names the host and port), else the root cause's. Always one line.
     */
    public static String message(Throwable failure) {
        Throwable outer = null;
        Throwable inner = null;
        Throwable bind = null;
        Throwable root = failure;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UsageException || t instanceof OutputException || t instanceof RunLockedException
                    || t instanceof TooManyRejectsException || t instanceof SourceUnavailableException
                    || t instanceof StoreFolderException || t instanceof SourcePermissionException) {
                return firstLine(t);
            }
            if (t instanceof BindException) {
                bind = t;
            }
            if (t instanceof SQLException) {
                outer = outer == null ? t : outer;
                inner = t;
            }
            root = t;
        }
        if (bind != null) {
            // Spring names the setting, the root cause what is wrong with its value.
            return firstLine(bind) + ": " + firstLine(root);
        }
        if (outer == null) {
            return firstLine(root);
        }
        // The pool names the database (source or store), the driver says what went wrong and where.
        return outer == inner ? firstLine(outer) : firstLine(outer) + ": " + firstLine(inner);
    }

    private static String firstLine(Throwable t) {
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
