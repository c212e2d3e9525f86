package io.progressreports.demo;

// PLACEHOLDER until the demo helper delivers
public final class SourceSchema {
    public static void migrate(javax.sql.DataSource source) {
        org.flywaydb.core.Flyway.configure().dataSource(source).locations("classpath:db/source")
                .table("progress_reports_demo_schema_history").load().migrate();
    }
}
