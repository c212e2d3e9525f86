package io.progressreports.store.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/** Spring Batch's own PostgreSQL schema, run from the spring-batch-core jar rather than copied into the project. */
public class V1__Spring_batch_schema extends BaseJavaMigration {

    @Override
    public void migrate(Context context) {
        var populator = new ResourceDatabasePopulator(
                new ClassPathResource("org/springframework/batch/core/schema-postgresql.sql"));
        populator.execute(new SingleConnectionDataSource(context.getConnection(), true));
    }
}
