package io.progressreports.job;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Optional;

/** What the store remembers of a report job's runs, whichever Spring Batch job ran them. */
@Component
public class CompletedRuns {

    private final JdbcTemplate store;

    public CompletedRuns(JdbcTemplate storeJdbcTemplate) {
        this.store = storeJdbcTemplate;
    }

    /** When the last COMPLETED execution of the report job (the "job" parameter) started, if any did. */
    public Optional<Instant> lastStart(String job) {
        LocalDateTime start = store.queryForObject("""
                select max(e.start_time) from batch_job_execution e
                join batch_job_execution_params p on p.job_execution_id = e.job_execution_id
                where e.status = 'COMPLETED' and p.parameter_name = 'job' and p.parameter_value = ?""",
                LocalDateTime.class, job);
        // Spring Batch writes LocalDateTime.now(): local time without a zone.
        return Optional.ofNullable(start).map(time -> time.atZone(ZoneId.systemDefault()).toInstant());
    }
}
