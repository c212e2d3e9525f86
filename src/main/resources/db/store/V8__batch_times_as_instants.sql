-- Spring Batch writes an execution's times as the local date-times of the JVM that ran it (Timestamp.valueOf),
-- into columns without a zone: a store written by cron in UTC and by an engineer in Europe/Berlin mixed two clocks,
-- and history showed one of them an hour or two off. With time zone, PostgreSQL stores the instant: the driver sends
-- each time with its JVM's offset, and reads it back in the reading JVM's zone, so every process agrees.
-- Times already stored are taken in this session's zone, the zone of the process that upgrades the store: the best
-- guess there is for them.
alter table batch_job_execution
    alter column create_time type timestamptz,
    alter column start_time type timestamptz,
    alter column end_time type timestamptz,
    alter column last_updated type timestamptz;
alter table batch_step_execution
    alter column create_time type timestamptz,
    alter column start_time type timestamptz,
    alter column end_time type timestamptz,
    alter column last_updated type timestamptz;
