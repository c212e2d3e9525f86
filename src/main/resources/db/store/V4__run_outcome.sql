-- What each job execution ended with, as the process exit code that cron or a person saw: Spring Batch keeps a
-- status, not the sysexits code the failure mapped to. No row: the run is still going, or was killed.
create table run_outcome (
    job_execution_id bigint primary key references batch_job_execution on delete cascade,
    exit_code        int not null,
    recorded_at      timestamptz not null default now()
);
