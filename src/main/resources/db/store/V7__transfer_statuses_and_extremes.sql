-- Transfer days now hold every transfer row of the day by status, and the exact slowest row beside the fastest
-- (percentiles are clamped to both). Days stored before hold neither: they are a cache of the source, so they go,
-- and the next run recomputes them.
delete from transfer_reject;
delete from transfer_day;

alter table transfer_day
    add column min_speed double precision not null,   -- Infinity while the day has no transfers
    add column statuses  jsonb not null;              -- status as read -> transfer rows whose status is not a completed one

-- A rejected row keeps its item counts as the source had them, fractions included (reason items_fractional).
alter table transfer_reject
    alter column completed_items type numeric,
    alter column total_items type numeric;
