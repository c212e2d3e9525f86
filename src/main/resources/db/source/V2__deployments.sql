-- The deployment tables of the deployment-step progress proposal (seeds/dhq-537), with Option B's timings table.
create table deployments (
    id         bigint generated always as identity primary key,
    project_id bigint not null,
    status     text not null,
    created_at timestamptz not null,
    updated_at timestamptz not null
);

create table deployment_steps (
    id              bigint generated always as identity primary key,
    deployment_id   bigint not null references deployments,
    step            text not null,
    status          text not null,
    total_items     int,
    completed_items int,
    created_at      timestamptz not null,
    updated_at      timestamptz not null
);

create table deployment_step_timings (
    id                 bigint generated always as identity primary key,
    deployment_step_id bigint not null unique references deployment_steps,
    started_at         timestamptz(6),
    finished_at        timestamptz(6)
);

-- What the transfer-speed job reads spans by (see `check` and the README's index advice).
create index deployment_step_timings_finished_at_idx on deployment_step_timings (finished_at);
create index deployment_steps_updated_at_idx on deployment_steps (updated_at);
