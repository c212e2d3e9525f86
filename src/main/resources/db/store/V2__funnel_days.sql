-- One row per job, funnel definition and cohort day: the unit of storage and of reuse.
-- The definition (zone, actions, steps, window, order, ages) is fixed by definition_id; its JSON is kept
-- in funnel_definition so the arrays below can be read by hand.
create table funnel_definition (
    definition_id text primary key,
    definition    jsonb not null,
    first_seen    timestamptz not null default now()
);

create table funnel_day (
    job_name        text not null,
    definition_id   text not null references funnel_definition,
    day             date not null,
    complete        boolean not null,          -- every row of the day folded in
    final           boolean not null,          -- day end + horizon <= as_of: numbers can no longer change
    as_of           timestamptz not null,      -- of the run that computed the day
    with_dropoffs   boolean not null,
    namespaces      bigint not null,
    reached         bigint[] not null,         -- per funnel step, step 1 (created) first
    completed       bigint[] not null,         -- per action, per completion age (action-major)
    before_creation bigint[] not null,         -- per action
    late_action     bigint[] not null,         -- actions recorded after as_of: action index ...
    late_at         bigint[] not null,         -- ... and time (epoch microseconds), so later runs can recount
    rejected        jsonb not null,            -- reason -> rows
    hours_to_step   bytea not null,            -- HdrHistogram DoubleHistograms, one per step
    computed_at     timestamptz not null default now(),
    primary key (job_name, definition_id, day)
);

create table funnel_dropoff (
    job_name         text not null,
    definition_id    text not null,
    day              date not null,
    namespace_id     bigint not null,
    last_step_number int not null,
    last_step_at     timestamptz not null,
    primary key (job_name, definition_id, day, namespace_id)
);
