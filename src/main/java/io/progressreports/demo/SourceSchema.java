package io.progressreports.demo;

import org.flywaydb.core.Flyway;

import javax.sql.DataSource;

/** The source tables of demo and seed databases; real sources are only ever read. */
public final class SourceSchema {

    private SourceSchema() {
    }

    public static void migrate(DataSource source) {
        Flyway.configure()
                .dataSource(source)
                .locations("classpath:db/source")
                // Its own history table, so it never meets a flyway_schema_history the database's owner keeps.
                .table("progress_reports_demo_schema_history")
                // `seed` may target a scratch database that already holds other tables: start the history below V1
                // so V1 still runs there instead of Flyway refusing a non-empty schema.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }
}
