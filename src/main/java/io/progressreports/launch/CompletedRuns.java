package io.progressreports.launch;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.LocalDate;

/** What the store remembers of a report job's runs, whichever Spring Batch job ran them. */
@Component
public class CompletedRuns {

    private final JdbcTemplate store;

    public CompletedRuns(JdbcTemplate storeJdbcTemplate) {
        this.store = storeJdbcTemplate;
    }

    /**
     * Whether the report job (the "job" parameter) has a COMPLETED run of its job file's own definition (no
     * overrides) whose range reaches {@code lastDay}: the nightly report that day's run publishes. An ad-hoc run
     * (other settings, an old range) is no such run.
     */
    public boolean nightlyCompleted(String job, LocalDate lastDay) {
        return Boolean.TRUE.equals(store.queryForObject("""
                select exists (
                    select 1 from batch_job_execution e
                    join batch_job_execution_params j on j.job_execution_id = e.job_execution_id
                         and j.parameter_name = 'job' and j.parameter_value = ?
                    join batch_job_execution_params o on o.job_execution_id = e.job_execution_id
                         and o.parameter_name = 'overrides' and o.parameter_value = ''
                    join batch_job_execution_params t on t.job_execution_id = e.job_execution_id
                         and t.parameter_name = 'to' and t.parameter_value >= ?
                    where e.status = 'COMPLETED')""", Boolean.class, job, lastDay.toString()));
    }
}
