-- One row per job, definition (zone and source tables) and day of finished_at: the unit of storage and reuse.
create table transfer_definition (
    definition_id text primary key,
    definition    jsonb not null,
    first_seen    timestamptz not null default now()
);

create table transfer_day (
    job_name      text not null,
    definition_id text not null references transfer_definition,
    day           date not null,
    complete      boolean not null,            -- every row of the day folded in
    final         boolean not null,            -- day end + grace <= as_of: late rows are no longer expected
    as_of         timestamptz not null,        -- of the run that computed the day
    transfers     bigint not null,
    items         bigint not null,
    micros        bigint not null,             -- sum of transfer durations, microseconds
    max_speed     double precision not null,
    speeds        bytea not null,              -- HdrHistogram DoubleHistogram of per-row items/second
    untimed       bigint not null,
    rejected      jsonb not null,              -- reason -> rows
    steps         jsonb not null,              -- {"names": [...], "steps": [...], "micros": [...], "max_micros": [...]}
    step_seconds  bytea not null,              -- one DoubleHistogram of durations per name, in that order
    computed_at   timestamptz not null default now(),
    primary key (job_name, definition_id, day)
);

create table transfer_reject (
    job_name           text not null,
    definition_id      text not null,
    day                date not null,
    deployment_step_id bigint not null,
    reason             text not null,
    started_at         timestamptz,
    finished_at        timestamptz,
    completed_items    bigint,
    total_items        bigint,
    primary key (job_name, definition_id, day, deployment_step_id)
);
