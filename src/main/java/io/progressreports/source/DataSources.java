package io.progressreports.source;

import com.zaxxer.hikari.HikariDataSource;
import io.progressreports.failure.UsageException;
import io.progressreports.settings.ReportsProperties;
import io.progressreports.settings.SafeUrls;

/** Connection pools for the source and the store, sized for partitions running side by side. */
public final class DataSources {

    private DataSources() {
    }

    public static HikariDataSource pool(String name, ReportsProperties.Database database, boolean readOnly) {
        if (database.url() == null || database.url().isBlank()) {
            throw new UsageException("no " + name + " database: give --" + name + "-url or set REPORTS_"
                    + name.toUpperCase(java.util.Locale.ROOT) + "_URL");
        }
        if (!database.url().startsWith("jdbc:postgresql:")) {
            throw new UsageException("--" + name + "-url must be a PostgreSQL JDBC URL (jdbc:postgresql://host/db), not '"
                    + SafeUrls.redact(database.url()) + "'");
        }
        var pool = new HikariDataSource();
        pool.setPoolName(name);
        pool.setJdbcUrl(database.url());
        if (database.user() != null) {
            pool.setUsername(database.user());
        }
        String password = Passwords.of(name, database);
        if (password != null) {
            pool.setPassword(password);
        }
        if (database.readTimeout() != null) {
            // A source that stops answering (a hung replica, a half-open connection, a lock that never comes) would
            // otherwise block the run, and its run lock, forever. A URL that sets its own socketTimeout keeps it.
            pool.addDataSourceProperty("socketTimeout", Long.toString(database.readTimeout().toSeconds()));
        }
        pool.setReadOnly(readOnly);
        if (readOnly) {
            // pgjdbc otherwise enforces read-only only inside explicit transactions, not in autocommit.
            pool.addDataSourceProperty("readOnlyMode", "always");
        }
        // Server-prepared statements from the first execution, so rows come in binary: a timestamp is 8 bytes to
        // copy instead of text to parse (0.3 instead of 0.8 us of client CPU per transfer row, more for the
        // funnel's dozen action columns). A URL that sets its own prepareThreshold keeps it.
        pool.addDataSourceProperty("prepareThreshold", "-1");
        pool.setMaximumPoolSize(6);
        pool.setMinimumIdle(0);
        pool.setConnectionTimeout(5_000);
        pool.setInitializationFailTimeout(-1);
        // Names the process in pg_stat_activity, so a run that finds its job locked can say who holds it.
        pool.addDataSourceProperty("ApplicationName", "progress-reports pid " + ProcessHandle.current().pid());
        return pool;
    }
}
