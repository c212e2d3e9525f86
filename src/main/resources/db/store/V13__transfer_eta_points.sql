-- Transfer days (aggregate format 7) hold the ETA fits' inputs: transfers counted by hour of start, items and
-- duration in 1% log buckets (EtaPoints). Days of earlier formats are kept under their own definitions and
-- recomputed when asked for; an earlier version sharing the store writes its days without the column, so it stays
-- nullable.
alter table transfer_day add column eta_points bytea;
