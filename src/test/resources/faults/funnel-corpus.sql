-- Onboarding rows holding every anomaly class of design.md's funnel semantics, in known numbers. The runs read
-- cohorts 2026-10-01 .. 2026-10-31 (UTC) as of 2026-10-20 00:00 with a 2-day window and the steps git_write,
-- merge_request_created, pipeline_created. namespace_id is neither unique nor NOT NULL here (a copy of the
-- table, as a reporting replica may hold it), so duplicated and missing namespaces can occur.
set time zone 'UTC';

create table onboarding_copy (
    id                       bigint primary key,
    namespace_id             bigint,
    created_at               timestamptz not null,
    updated_at               timestamptz not null,
    git_write_at             timestamptz,
    merge_request_created_at timestamptz,
    pipeline_created_at      timestamptz
);
create index onboarding_copy_created_at_idx on onboarding_copy (created_at);

insert into onboarding_copy (id, namespace_id, created_at, updated_at, git_write_at, merge_request_created_at,
                             pipeline_created_at)
select id, ns, c, c, g, m, p from (values
    -- ordinary: every step in order, well inside the window
    (1, 1, timestamptz '2026-10-01 12:00', timestamptz '2026-10-01 13:00', timestamptz '2026-10-01 14:00',
        timestamptz '2026-10-01 15:00'),
    -- an action before creation: counted as done at creation, and as a finding
    (2, 2, '2026-10-01 12:00', '2026-10-01 11:00', null, null),
    -- far-past actions (year 1, 4713 BC, -infinity): before creation, like the row above
    (3, 3, '2026-10-02 00:00', '0001-01-01 00:00', null, null),
    (4, 4, '2026-10-02 00:00', '4713-01-01 00:00 BC', '4713-01-01 00:00 BC', null),
    (5, 5, '2026-10-02 00:00', '-infinity', null, null),
    -- actions after as-of (by a microsecond, in year 9999, at infinity): ignored, and a finding
    (6, 6, '2026-10-03 08:00', '2026-10-20 00:00:00.000001', null, null),
    (7, 7, '2026-10-03 08:00', '2026-10-03 09:00', '9999-12-31 23:59:59.999999', null),
    (8, 8, '2026-10-03 08:00', 'infinity', 'infinity', 'infinity'),
    -- equal timestamps: every action at the creation instant
    (9, 9, '2026-10-04 05:00', '2026-10-04 05:00', '2026-10-04 05:00', '2026-10-04 05:00'),
    -- out of order: pipeline before merge request (sequential stops at the merge request; any reaches the end)
    (10, 10, '2026-10-04 06:00', '2026-10-04 07:00', '2026-10-04 09:00', '2026-10-04 08:00'),
    -- exactly at the window's end (counts) and a microsecond after it (does not)
    (11, 11, '2026-10-05 12:00', '2026-10-07 12:00', null, null),
    (12, 12, '2026-10-05 12:00', '2026-10-07 12:00:00.000001', null, null),
    -- created exactly at as-of (counts, day 10-20) and a microsecond after (not read)
    (13, 13, '2026-10-20 00:00', null, null, null),
    (14, 14, '2026-10-20 00:00:00.000001', null, null, null),
    -- midnight boundaries: the first and last instants of days, and of the range
    (15, 15, '2026-10-10 00:00', null, null, null),
    (16, 16, '2026-10-09 23:59:59.999999', null, null, null),
    (17, 17, '2026-10-01 00:00', null, null, null),
    (18, 18, '2026-09-30 23:59:59.999999', null, null, null),
    -- duplicated namespaces: each row is a row (twice on one day, and on two days)
    (19, 19, '2026-10-06 10:00', '2026-10-06 11:00', null, null),
    (20, 19, '2026-10-06 10:00', '2026-10-06 11:00', null, null),
    (21, 20, '2026-10-06 10:00', null, null, null),
    (22, 20, '2026-10-07 10:00', '2026-10-07 11:00', null, null),
    -- created far outside any range: year 1, 4713 BC, year 9999, +-infinity
    (23, 23, '0001-01-01 00:00', null, null, null),
    (24, 24, '4713-01-01 00:00 BC', null, null, null),
    (25, 25, '9999-12-31 23:59:59.999999', null, null, null),
    (26, 26, 'infinity', null, null, null),
    (27, 27, '-infinity', null, null, null),
    -- no namespace: rejected
    (28, null, '2026-10-08 10:00', '2026-10-08 11:00', null, null),
    -- the view below hides created_at of these two: rows of no cohort
    (29, 29, '2026-10-08 10:00', '2026-10-08 11:00', null, null),
    (30, 30, '2026-10-09 10:00', null, null, null)
) as r(id, ns, c, g, m, p);

-- A view (as a job file may name one) whose created_at is nullable: NULL for two rows.
create view onboarding_nulls as
select id, namespace_id, case when id in (29, 30) then null else created_at end as created_at, updated_at,
       git_write_at, merge_request_created_at, pipeline_created_at
from onboarding_copy;

analyze onboarding_copy;
