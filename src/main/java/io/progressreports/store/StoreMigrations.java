package io.progressreports.store;

import io.progressreports.store.migration.V1__Spring_batch_schema;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;

/** Flyway owns the store's schema: Spring Batch's tables and the daily aggregates. */
public final class StoreMigrations {

    private StoreMigrations() {
    }

    public static void migrate(DataSource store) {
        Flyway.configure()
                .dataSource(store)
                .locations("classpath:db/store")
                .javaMigrations(new V1__Spring_batch_schema())
                .table("progress_reports_schema_history")
                .load()
                .migrate();
    }
}
