-- PLACEHOLDER
create table onboarding_progresses (id bigint generated always as identity primary key, namespace_id bigint not null unique,
 created_at timestamptz not null, updated_at timestamptz not null, git_write_at timestamptz, merge_request_created_at timestamptz,
 pipeline_created_at timestamptz, user_added_at timestamptz, trial_started_at timestamptz, subscription_created_at timestamptz);
create index on onboarding_progresses (created_at);
