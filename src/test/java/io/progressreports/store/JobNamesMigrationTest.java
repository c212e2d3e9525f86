package io.progressreports.store;

import io.progressreports.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A store whose runs were named after their kind's Spring Batch job (onboardingFunnel, transferSpeed) keeps them
 * under their job files' names once upgraded, so that history and restarts find them.
 */
class JobNamesMigrationTest {

    @Test
    void runsOfEarlierVersionsTakeTheNameOfTheirJobFile() {
        var store = new DriverManagerDataSource(TestDatabase.newDatabaseUrl());
        StoreMigrations.configuration(store).target("8").load().migrate();
        var jdbc = new JdbcTemplate(store);
        run(jdbc, 1, "onboardingFunnel", "security-funnel");
        run(jdbc, 2, "transferSpeed", "transfer-speed");
        run(jdbc, 3, "onboardingFunnel", "onboarding-funnel");

        StoreMigrations.migrate(store);

        assertThat(jdbc.queryForList("select job_name from batch_job_instance order by job_instance_id",
                String.class)).containsExactly("security-funnel", "transfer-speed", "onboarding-funnel");
    }

    /** An instance of the kind's job with one execution, whose "job" parameter names the job file. */
    private static void run(JdbcTemplate jdbc, long id, String kindJob, String jobFile) {
        jdbc.update("insert into batch_job_instance (job_instance_id, version, job_name, job_key) values (?, 0, ?, ?)",
                id, kindJob, "key" + id);
        jdbc.update("insert into batch_job_execution (job_execution_id, version, job_instance_id, create_time, "
                + "status) values (?, 0, ?, now(), 'COMPLETED')", id, id);
        jdbc.update("insert into batch_job_execution_params (job_execution_id, parameter_name, parameter_type, "
                + "parameter_value, identifying) values (?, 'job', 'java.lang.String', ?, 'Y')", id, jobFile);
    }
}
