package io.progressreports.store;

import io.progressreports.failure.RunLockedException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * One run of a job at a time, whoever starts it (cron, the scheduler, a person): a PostgreSQL session-level
 * advisory lock in the store, held on a connection of its own for as long as the run lasts. PostgreSQL drops it
 * when that session ends, so a killed run never leaves it behind.
 */
public final class RunLock implements AutoCloseable {

    /** The first half of the two-part lock key: ours, so other applications' advisory locks never collide. */
    private static final int NAMESPACE = 0x70725270;

    private final Connection connection;

    private RunLock(Connection connection) {
        this.connection = connection;
    }

    /** @throws RunLockedException naming the holder when another run of this job has the lock */
    public static RunLock acquire(DataSource store, String jobName) {
        try {
            Connection connection = store.getConnection();
            try (PreparedStatement lock = connection.prepareStatement("select pg_try_advisory_lock(?, ?)")) {
                lock.setInt(1, NAMESPACE);
                lock.setInt(2, jobName.hashCode());
                try (ResultSet rs = lock.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        return new RunLock(connection);
                    }
                }
                String holder = holder(connection, jobName);
                connection.close();
                throw new RunLockedException("another run of " + jobName + " is in progress (" + holder
                        + "); try again when it has finished");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot take the run lock for " + jobName + ": " + e.getMessage(), e);
        }
    }

    private static String holder(Connection connection, String jobName) throws SQLException {
        try (PreparedStatement who = connection.prepareStatement("""
                select a.application_name, coalesce(host(a.client_addr), 'local'), a.backend_start
                from pg_locks l join pg_stat_activity a on a.pid = l.pid
                where l.locktype = 'advisory' and l.classid = ?::oid and l.objid = ?::oid and l.granted""")) {
            who.setLong(1, Integer.toUnsignedLong(NAMESPACE));
            who.setLong(2, Integer.toUnsignedLong(jobName.hashCode()));
            try (ResultSet rs = who.executeQuery()) {
                return rs.next() ? rs.getString(1) + " on " + rs.getString(2) + ", since " + rs.getTimestamp(3)
                        .toInstant() : "holder unknown";
            }
        }
    }

    @Override
    public void close() {
        try {
            // Closing returns the connection to the pool; the lock must not travel with it.
            try (PreparedStatement unlock = connection.prepareStatement("select pg_advisory_unlock_all()")) {
                unlock.execute();
            }
            connection.close();
        } catch (SQLException e) {
            // On SIGTERM the application may close the pool while the run is still leaving: the session ended and
            // PostgreSQL released the lock with it.
            if (!closed()) {
                throw new IllegalStateException("cannot release the run lock: " + e.getMessage(), e);
            }
        }
    }

    private boolean closed() {
        try {
            return connection.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }
}
