-- Transfer days (aggregate format 4) hold their transfers by size bucket and hour of start: counts, sums, extremes
-- and compact histograms of durations and speeds per cell (TransferCells). Days of earlier formats are kept under
-- their own definitions and recomputed when asked for; an earlier version sharing the store writes its days
-- without the column, so it stays nullable.
alter table transfer_day add column cells bytea;
