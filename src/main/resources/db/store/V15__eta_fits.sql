-- ETA fits kept from one run to the next (EtaFitCache): a nightly report's backtest refits and period lines are
-- mostly over days unchanged since the last run. Keyed by a SHA-256 digest of what was fitted and of each day's ETA
-- points, so a day recomputed with other points gets new fits; shared by every job and definition (equal points,
-- equal fits). used_on lets runs drop the fits no run has used for a while.
create table eta_fit (
    digest  bytea primary key,
    value   bytea not null,
    used_on date not null default current_date
);
