package io.progressreports.store;

import io.progressreports.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An upgrade that meets a reader of Spring Batch's tables: V8 alters batch_job_execution, then waits for
 * batch_step_execution, which the reader holds while it waits for batch_job_execution. PostgreSQL aborts the
 * migration as the deadlock's victim; the store migrates anyway.
 */
class MigrationDeadlockTest {

    @Test
    void aMigrationAbortedByADeadlockIsRunAgain() throws Exception {
        var store = new DriverManagerDataSource(TestDatabase.newDatabaseUrl());
        StoreMigrations.configuration(store).target("7").load().migrate();
        var jdbc = new JdbcTemplate(store);

        try (Connection reader = store.getConnection()) {
            reader.setAutoCommit(false);
            reader.createStatement().execute("select count(*) from batch_step_execution");
            var migration = CompletableFuture.runAsync(() -> StoreMigrations.migrate(store));
            // The migration has altered batch_job_execution and waits for the reader's table.
            await().atMost(Duration.ofMinutes(2)).until(() -> jdbc.queryForObject(
                    "select count(*) from pg_locks l join pg_class c on c.oid = l.relation "
                            + "where not l.granted and c.relname = 'batch_step_execution'", Long.class) > 0);
            reader.createStatement().execute("select count(*) from batch_job_execution");
            reader.commit();

            migration.get(2, TimeUnit.MINUTES);
        }

        assertThat(jdbc.queryForObject("select data_type from information_schema.columns "
                + "where table_name = 'batch_job_execution' and column_name = 'start_time'", String.class))
                .isEqualTo("timestamp with time zone");
        assertThat(jdbc.queryForObject("select count(*) from progress_reports_schema_history where not success",
                Long.class)).isZero();
    }
}
