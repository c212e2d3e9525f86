-- Transfer days (aggregate format 6) hold every step read, of every kind, by outcome (step kind -> counts of
-- completed, failed, canceled, running, other): step_outcomes.csv. Days of earlier formats are kept under their own
-- definitions and recomputed when asked for; an earlier version sharing the store writes its days without the
-- column, so it stays nullable.
alter table transfer_day add column outcomes jsonb;
