-- Deployment steps holding every anomaly class of design.md's transfer-speed semantics, in known numbers. The runs
-- read days 2026-10-01 .. 2026-10-31 (UTC) as of 2026-10-31 12:00. The timings table has no unique constraint on
-- deployment_step_id (a copy, as a replica may hold it), so one step can have two timing rows.
set time zone 'UTC';

create table steps_copy (
    id              bigint primary key,
    deployment_id   bigint,
    step            text,
    status          text,
    total_items     int,
    completed_items int,
    created_at      timestamptz,
    updated_at      timestamptz
);
create table timings_copy (
    id                 bigint generated always as identity primary key,
    deployment_step_id bigint not null,
    started_at         timestamptz(6),
    finished_at        timestamptz(6)
);
create index timings_copy_finished_at_idx on timings_copy (finished_at);
create index steps_copy_updated_at_idx on steps_copy (updated_at);

create temp table corpus (id bigint, step text, status text, total int, completed int, updated timestamptz,
                          timed boolean, started timestamptz, finished timestamptz);
insert into corpus values
    -- valid transfers, and one whose total_items is unknown (only completed > total is a rule)
    (101, 'transfer_files', 'completed', 10, 10, '2026-10-02 10:00:10', true, '2026-10-02 10:00', '2026-10-02 10:00:10'),
    (102, 'transfer_files', 'completed', null, 5, '2026-10-02 11:00', true, '2026-10-02 10:59:59.5', '2026-10-02 11:00'),
    -- each rule broken once, in design.md's order; finished_at null belongs to the day of updated_at (10-03)
    (103, 'transfer_files', 'completed', 10, 10, '2026-10-03 05:00', true, '2026-10-02 10:00', null),
    (104, 'transfer_files', 'completed', 10, 10, '2026-10-02 12:00', true, null, '2026-10-02 12:00'),
    (105, 'transfer_files', 'completed', 10, 10, '2026-10-02 12:00', true, '2026-10-02 12:00', '2026-10-02 12:00'),
    (106, 'transfer_files', 'completed', 10, 10, '2026-10-02 12:00', true, '2026-10-02 12:00:01', '2026-10-02 12:00'),
    (107, 'transfer_files', 'completed', 10, null, '2026-10-02 12:00', true, '2026-10-02 11:00', '2026-10-02 12:00'),
    (108, 'transfer_files', 'completed', 10, -1, '2026-10-02 12:00', true, '2026-10-02 11:00', '2026-10-02 12:00'),
    (109, 'transfer_files', 'completed', 10, 11, '2026-10-02 12:00', true, '2026-10-02 11:00', '2026-10-02 12:00'),
    -- several broken rules: the first one counts (finished_at missing before anything else)
    (110, 'transfer_files', 'completed', 10, -5, '2026-10-03 06:00', true, null, null),
    -- a completed transfer without a timing row: untimed on the day of updated_at
    (111, 'transfer_files', 'completed', 10, 10, '2026-10-04 00:00', false, null, null),
    -- other steps: durations only; transfers not completed: counted under their status, nothing else
    (112, 'building', 'completed', null, null, '2026-10-04 10:00', true, '2026-10-04 09:00', '2026-10-04 10:00'),
    (113, 'transfer_files', 'failed', 10, 3, '2026-10-04 10:00', true, '2026-10-04 09:00', '2026-10-04 10:00'),
    (114, 'transfer_files', 'running', 10, 3, '2026-10-04 10:00', true, '2026-10-04 09:00', null),
    (115, 'transfer_files', 'failed', 10, 3, '2026-10-04 10:00', false, null, null),
    -- far-past starts (year 1, 4713 BC): valid, with durations of millennia and speeds near zero
    (116, 'transfer_files', 'completed', 10, 1, '2026-10-05 10:00', true, '0001-01-01 00:00', '2026-10-05 10:00'),
    (117, 'transfer_files', 'completed', 10, 7, '2026-10-05 10:00', true, '4713-01-01 00:00 BC', '2026-10-05 10:00:00.000001'),
    (118, 'building', 'completed', null, null, '2026-10-05 10:00', true, '4713-01-01 00:00 BC', '2026-10-05 10:00'),
    (119, 'building', 'completed', null, null, '2026-10-05 10:00', true, '2026-10-05 09:59:59.999999', '2026-10-05 10:00'),
    -- infinite times are no times: missing (an infinite finish on the day of updated_at, 10-06)
    (120, 'transfer_files', 'completed', 10, 10, '2026-10-06 10:00', true, '-infinity', '2026-10-06 10:00'),
    (121, 'transfer_files', 'completed', 10, 10, '2026-10-06 10:00', true, 'infinity', '2026-10-06 10:00'),
    (122, 'transfer_files', 'completed', 10, 10, '2026-10-06 10:00', true, '2026-10-06 09:00', 'infinity'),
    (123, 'transfer_files', 'completed', 10, 10, '2026-10-06 10:00', true, '-infinity', '-infinity'),
    -- finished in year 9999: after as-of, so in no run yet (like any row after as-of)
    (124, 'transfer_files', 'completed', 10, 10, '2026-10-06 10:00', true, '2026-10-06 09:00', '9999-12-31 23:59:59.999999'),
    -- midnight boundaries: the last instant of 10-07, the first of 10-08; as-of exactly (in) and just after (out)
    (125, 'transfer_files', 'completed', 10, 10, '2026-10-07 23:59:59.999999', true, '2026-10-07 23:00', '2026-10-07 23:59:59.999999'),
    (126, 'transfer_files', 'completed', 10, 10, '2026-10-08 00:00', true, '2026-10-07 23:00', '2026-10-08 00:00'),
    (127, 'transfer_files', 'completed', 10, 10, '2026-10-31 12:00', true, '2026-10-31 11:00', '2026-10-31 12:00'),
    (128, 'transfer_files', 'completed', 10, 10, '2026-10-31 12:00:00.000001', true, '2026-10-31 11:00', '2026-10-31 12:00:00.000001'),
    (129, 'transfer_files', 'completed', 10, 10, '2026-10-31 12:00:00.000001', false, null, null),
    -- item counts at int's limit: a day's sum beyond 2^31, speeds of 2^31 items per microsecond
    (130, 'transfer_files', 'completed', 2147483647, 2147483647, '2026-10-09 10:00', true, '2026-10-09 09:59:59.999999', '2026-10-09 10:00'),
    (131, 'transfer_files', 'completed', 2147483647, 2147483647, '2026-10-09 10:00', true, '2026-10-09 09:59:59', '2026-10-09 10:00'),
    (132, 'transfer_files', 'completed', 2147483647, 2147483646, '2026-10-09 10:00', true, '2026-10-09 09:00', '2026-10-09 10:00'),
    (133, 'transfer_files', 'completed', -2147483648, 2147483647, '2026-10-09 10:00', true, '2026-10-09 09:00', '2026-10-09 10:00'),
    (134, 'transfer_files', 'completed', 2147483647, -2147483648, '2026-10-09 10:00', true, '2026-10-09 09:00', '2026-10-09 10:00'),
    -- one step with two timing rows: each joined row is a row (two valid transfers; two rejects)
    (135, 'transfer_files', 'completed', 10, 10, '2026-10-10 10:00', true, '2026-10-10 09:00', '2026-10-10 10:00'),
    (135, 'transfer_files', 'completed', 10, 10, '2026-10-10 10:00', true, '2026-10-10 09:30', '2026-10-10 10:00'),
    (136, 'transfer_files', 'completed', 10, 10, '2026-10-10 10:00', true, '2026-10-10 10:00', '2026-10-10 10:00'),
    (136, 'transfer_files', 'completed', 10, 10, '2026-10-10 10:00', true, '2026-10-10 10:00', '2026-10-10 10:00');

insert into steps_copy (id, deployment_id, step, status, total_items, completed_items, created_at, updated_at)
select distinct id, 1, step, status, total, completed, updated - interval '1 day', updated from corpus;
insert into timings_copy (deployment_step_id, started_at, finished_at)
select id, started, finished from corpus where timed;

-- A view (as a job file may name one) with bigint item counts, scaled so that a day's sums pass 2^53 where a
-- double would round: odd values, exact only in integer arithmetic. The order of values (and so every rule) holds.
create view steps_wide as
select id, deployment_id, step, status, total_items::bigint * 4194304 + 1 as total_items,
       completed_items::bigint * 4194304 + 1 as completed_items, created_at, updated_at
from steps_copy;

-- numeric item counts: whole numbers with a scale (600.000 is 600), and on every 13th step a fraction in one of
-- the two counts, which must be rejected as items_fractional rather than truncated
create view steps_numeric as
select id, deployment_id, step, status,
       case when id % 26 = 13 then total_items::numeric + 0.5 else total_items::numeric(30, 3) end as total_items,
       case when id % 26 = 0 then completed_items::numeric + 0.25 else completed_items::numeric(30, 3) end
           as completed_items,
       created_at, updated_at
from steps_copy;

analyze steps_copy;
analyze timings_copy;
