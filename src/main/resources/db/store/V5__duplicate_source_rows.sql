-- design.md counts rows, not distinct keys ("per namespace row", "per row of deployment_steps joined to
-- deployment_step_timings"). A source without the unique constraints (a view, a copy, a replica's table) can hold
-- one namespace twice, or one step with two timing rows; each such row is a dropoff or a reject of its own, so
-- these tables cannot be keyed by namespace or step. The days' rows are still found (and reset) by day.
alter table funnel_dropoff drop constraint funnel_dropoff_pkey;
create index funnel_dropoff_day_idx on funnel_dropoff (job_name, definition_id, day, namespace_id);

alter table transfer_reject drop constraint transfer_reject_pkey;
create index transfer_reject_day_idx on transfer_reject (job_name, definition_id, day, deployment_step_id);
