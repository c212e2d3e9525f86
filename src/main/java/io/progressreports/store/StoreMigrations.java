package io.progressreports.store;

import io.progressreports.store.migration.V1__Spring_batch_schema;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;

import javax.sql.DataSource;
import java.sql.SQLException;

/** Flyway owns the store's schema: Spring Batch's tables and the daily aggregates. */
public final class StoreMigrations {

    /** deadlock_detected: PostgreSQL rolled the migration back, and the same migration run again can succeed. */
    private static final String DEADLOCK = "40P01";
    private static final int ATTEMPTS = 3;

    private StoreMigrations() {
    }

    /**
     * Migrates the store, again after a deadlock: a migration that alters Spring Batch's tables (V8) deadlocks with a
     * process of an earlier version that reads two of them meanwhile (history, a scheduler), and PostgreSQL aborts
     * the migration; once the reader has its locks, the next attempt waits for it instead.
     */
    public static void migrate(DataSource store) {
        for (int attempt = 1; ; attempt++) {
            try {
                configuration(store).load().migrate();
                return;
            } catch (FlywayException e) {
                if (attempt == ATTEMPTS || !deadlock(e)) {
                    throw e;
                }
            }
        }
    }

    static FluentConfiguration configuration(DataSource store) {
        return Flyway.configure()
                .dataSource(store)
                .locations("classpath:db/store")
                .javaMigrations(new V1__Spring_batch_schema())
                .table("progress_reports_schema_history");
    }

    private static boolean deadlock(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && DEADLOCK.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
